import WebSocket from 'ws';

/**
 * A socket.io client that joins a board and then stops reading what the server sends, while
 * still sending a heartbeat (an unasked-for engine.io pong, which the server accepts) so that
 * the server's ping timeout never catches it: only a bound on what the server buffers for it can.
 * Spoken by hand (engine.io protocol 4), so nothing in a client library reads behind our back.
 */
export interface StalledSession {
  readonly transport: 'websocket' | 'polling';
  /** Stop reading; keep the heartbeat going. */
  stall(): void;
  close(): void;
}

const HEARTBEAT_MS = 1000;
const CONNECT_TIMEOUT_MS = 20_000;

export async function stalledSession(
  url: string,
  boardId: string,
  token: string,
  transport: 'websocket' | 'polling',
): Promise<StalledSession> {
  return transport === 'websocket' ? overWebSocket(url, boardId, token) : overPolling(url, boardId, token);
}

async function overWebSocket(url: string, boardId: string, token: string): Promise<StalledSession> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  ws.on('error', () => {});
  let heartbeat: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('raw websocket session did not connect')), CONNECT_TIMEOUT_MS);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ boardId, token })}`);
      else if (text === '2') ws.send('3');
      else if (text.startsWith('40')) {
        clearTimeout(timer);
        resolve();
      } else if (text.startsWith('44')) {
        clearTimeout(timer);
        reject(new Error(`refused: ${text}`));
      }
    });
    ws.once('close', () => reject(new Error('closed before connecting')));
  });
  return {
    transport: 'websocket',
    stall() {
      ws.removeAllListeners('message');
      ws.pause();
      heartbeat = setInterval(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send('3');
      }, HEARTBEAT_MS);
    },
    close() {
      clearInterval(heartbeat);
      ws.terminate();
    },
  };
}

async function overPolling(url: string, boardId: string, token: string): Promise<StalledSession> {
  const base = `${url}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const { sid } = JSON.parse(open.slice(open.indexOf('{'))) as { sid: string };
  const endpoint = `${base}&sid=${encodeURIComponent(sid)}`;
  const post = (body: string) =>
    fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).then((r) => r.text());
  await post(`40${JSON.stringify({ boardId, token })}`);
  const started = Date.now();
  for (;;) {
    const packets = (await (await fetch(endpoint)).text()).split('\x1e');
    if (packets.some((p) => p.startsWith('44'))) throw new Error(`refused: ${packets.join(' ')}`);
    if (packets.some((p) => p.startsWith('40'))) break;
    if (Date.now() - started > CONNECT_TIMEOUT_MS) throw new Error('raw polling session did not connect');
  }
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  return {
    transport: 'polling',
    stall() {
      // No more GETs: whatever the server sends for us stays with the server.
      heartbeat = setInterval(() => {
        if (!closed) post('3').catch(() => {});
      }, HEARTBEAT_MS);
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      post('1').catch(() => {});
    },
  };
}
