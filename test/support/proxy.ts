import net from 'node:net';

/**
 * A tiny TCP load balancer for the scale-out tests: each new connection goes to the first
 * backend that accepts it, in order, so when an instance dies its clients' reconnects land on the
 * next one. WebSockets pass through untouched.
 */
export async function startFailoverProxy(backends: () => number[]): Promise<{ url: string; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    client.pause();
    const tryNext = (i: number) => {
      const ports = backends();
      if (i >= ports.length) return client.destroy();
      const upstream = net.connect({ host: '127.0.0.1', port: ports[i] });
      upstream.once('error', () => tryNext(i + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryNext(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
