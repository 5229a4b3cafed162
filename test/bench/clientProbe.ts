/**
 * The in-page half of the client benchmark (test/bench/client.ts), added to every page with
 * addInitScript so it runs before the app's own scripts. It only observes: long tasks, a
 * keystroke's next frame, when a note's text is on screen, and frame gaps while scrolling.
 *
 * "After the next frame" is measured as a message posted from a requestAnimationFrame callback:
 * it runs once that frame's style, layout and paint on the main thread are done.
 *
 * A note is found by `[data-note-id]`; its text is read from its textarea, contenteditable or
 * text content, so the probe does not depend on how a note is drawn.
 */
export const PROBE = `(() => {
  const B = (window.__bench = {
    longtasks: [],
    keys: [],
    shown: [],
    firstShow: null,
    allInDom: null,
    frames: null,
    errors: [],
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { B.errors.push(String(e)); }
  window.addEventListener('error', (e) => B.errors.push(String(e.message)));

  const channel = new MessageChannel();
  const afterFrame = [];
  channel.port1.onmessage = () => {
    const now = performance.now();
    const cbs = afterFrame.splice(0);
    for (const cb of cbs) cb(now);
  };
  /** Calls cb(time) once the next frame has been produced. */
  B.afterNextFrame = (cb) => requestAnimationFrame(() => { afterFrame.push(cb); channel.port2.postMessage(0); });

  B.noteText = (id) => {
    const el = document.querySelector('[data-note-id="' + CSS.escape(id) + '"]');
    if (!el) return null;
    const ta = el.querySelector('textarea');
    if (ta) return ta.value;
    const ce = el.querySelector('[contenteditable="true"], [contenteditable=""]');
    return (ce ?? el).textContent ?? '';
  };

  // Own keystrokes: keydown's timestamp to the frame after the input it caused.
  let pendingKey = null;
  window.addEventListener('keydown', (e) => {
    if (e.key.length === 1) pendingKey = { key: e.key, start: e.timeStamp };
  }, true);
  window.addEventListener('input', () => {
    const k = pendingKey;
    pendingKey = null;
    if (!k) return;
    B.afterNextFrame((now) => B.keys.push({ key: k.key, start: k.start, latency: now - k.start }));
  }, true);

  /** First show: every note in wants (id -> text) shows its text. Checked once a frame. */
  B.waitFirstShow = (wants) => {
    const check = () => {
      for (const [id, text] of wants) {
        const shown = B.noteText(id);
        if (shown === null || !shown.includes(text)) return requestAnimationFrame(check);
      }
      B.afterNextFrame((now) => {
        const notes = [...document.querySelectorAll('[data-note-id]')];
        const drawn = notes.filter((n) => !n.checkVisibility || n.checkVisibility({ contentVisibilityAuto: true }));
        const heights = drawn.map((n) => n.getBoundingClientRect().height);
        B.firstShow = { at: now, notesInDom: notes.length, drawn: drawn.length, meanHeight: heights.length ? heights.reduce((a, b) => a + b, 0) / heights.length : 0 };
      });
      const all = () => {
        if (document.querySelectorAll('[data-note-id]').length >= (window.__benchSize || 0)) B.allInDom = performance.now();
        else setTimeout(all, 20);
      };
      all();
    };
    requestAnimationFrame(check);
  };
  const fs = window.__benchFirstShow;
  if (fs) B.waitFirstShow(fs);

  /** A remote keystroke: the frame on which note id first shows text, as wall-clock time. */
  B.watchRemote = (id, text) => {
    const started = performance.now();
    const check = () => {
      const shown = B.noteText(id);
      if (shown !== null && shown.includes(text)) {
        const seenFrame = performance.now();
        return B.afterNextFrame((now) => B.shown.push({ text, wall: performance.timeOrigin + now, frame: now - seenFrame }));
      }
      if (performance.now() - started < 10000) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  };

  /** Frame gaps (rAF to rAF) from start until stop. */
  B.startFrames = () => {
    const f = (B.frames = { gaps: [], running: true, last: performance.now() });
    const tick = (t) => {
      f.gaps.push(t - f.last);
      f.last = t;
      if (f.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => { f.last = t; requestAnimationFrame(tick); });
  };
  B.stopFrames = () => { if (B.frames) B.frames.running = false; return B.frames ? B.frames.gaps : []; };
})();`;

/**
 * BENCH_RENDERS=1 (use with an unminified build, `vite build --minify false`, for names): a
 * minimal React DevTools hook that counts, per component name, how often it rendered; read and
 * reset with window.__renders.take().
 */
export const RENDER_PROBE = `(() => {
  const counts = new Map();
  let commits = 0;
  // As React DevTools does: a subtree whose child list did not change was not rendered; a
  // function component rendered when it has the PerformedWork flag (1).
  // What kind of hook changed: a memo or callback (and which of its deps), an external store, a state.
  const describe = (x) =>
    typeof x === 'function' ? 'fn ' + (x.name || '?')
    : x && typeof x === 'object' ? (Array.isArray(x) ? 'array' : (x.constructor && x.constructor.name) || 'object') + '{' + Object.keys(x).slice(0, 3).join(' ') + '}'
    : typeof x;
  const kind = (h, g) => {
    const m = h.memoizedState, n = g.memoizedState;
    if (h.queue && typeof h.queue.getSnapshot === 'function') return ':store';
    if (h.queue && typeof h.queue.dispatch === 'function') return ':state';
    if (Array.isArray(m) && m.length === 2 && (Array.isArray(m[1]) || m[1] === null) && Array.isArray(n)) {
      const d = (m[1] || []).map((x, j) => (n[1] && x !== n[1][j] ? j : -1)).filter((j) => j >= 0);
      return ':memo(' + d.map((j) => j + '=' + describe(m[1][j])).join('.') + ')';
    }
    return '';
  };
  const walk = (fiber) => {
    for (let f = fiber; f; f = f.sibling) {
      const a = f.alternate;
      if (typeof f.type === 'function' && (!a || (f.flags & 1) === 1)) {
        const name = f.type.displayName || f.type.name || '?';
        counts.set(name, (counts.get(name) || 0) + 1);
        if (a && (window.__rendersWhy || []).includes(name)) {
          const changed = [];
          let h = f.memoizedState, g = a.memoizedState, i = 0;
          while (h && g && i < 200) {
            if (h.memoizedState !== g.memoizedState && !(h.memoizedState && h.memoizedState.create)) changed.push(i + kind(h, g));
            h = h.next; g = g.next; i++;
          }
          if (a.memoizedProps !== f.memoizedProps) changed.push('props');
          // Contexts read whose value changed (named by displayName, or by the value's keys).
          let c = f.dependencies && f.dependencies.firstContext;
          let d = a.dependencies && a.dependencies.firstContext;
          while (c && d) {
            if (c.memoizedValue !== d.memoizedValue) changed.push('ctx ' + (c.context.displayName || describe(c.memoizedValue)));
            c = c.next; d = d.next;
          }
          const k = name + ' hooks ' + changed.join(',');
          counts.set(k, (counts.get(k) || 0) + 1);
        }
      }
      if (f.child && (!a || f.child !== a.child)) walk(f.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(r) { this.renderers.set(1, r); return 1; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot(_id, root) { commits++; walk(root.current.child); },
    onPostCommitFiberRoot() {},
    onCommitFiberUnmount() {},
    checkDCE() {},
  };
  window.__renders = {
    take() {
      const out = { commits, counts: Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 80)) };
      counts.clear();
      commits = 0;
      return out;
    },
  };
})();`;
