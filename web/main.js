// Loader of the Sparsey page: creates window.sparsey with a loading state,
// checks WebGL 2, loads wasm_exec.js and streams game.wasm with progress,
// then starts the Go program (which replaces the API functions).
// Asset names come from this script tag's data attributes, so the deploy
// tool can rename them to content-hashed names in index.html only.
(function () {
  "use strict";
  const ds = document.currentScript ? document.currentScript.dataset : {};
  const assets = {
    wasm: ds.wasm || "game.wasm",
    exec: ds.exec || "wasm_exec.js",
    train: ds.train || "mnist-train.bin",
    test: ds.test || "mnist-test.bin",
  };
  const st = {
    phase: "loading", error: null, trained: 0, progress: 0, label: null, scores: [],
    familiarity: 0, ticks: 0, wasmBytes: 0, wasmMs: null,
  };
  const notReady = () => { throw new Error("sparsey: the program is still loading"); };
  window.sparsey = {
    assets: assets,
    loader: st,
    ready: false,
    state: () => Object.assign({}, st),
    padRect: () => null,
    clear: notReady, undo: notReady, recall: notReady, learn: notReady,
    train: notReady, test: notReady, save: notReady, load: notReady, download: notReady, forget: notReady,
  };

  function fail(msg) {
    st.phase = "error";
    st.error = String(msg);
    const t = document.getElementById("loading-text");
    if (t) t.textContent = "The page could not start: " + st.error;
    const e = document.getElementById("error");
    if (e) { e.textContent = st.error; e.hidden = false; }
    const s = document.getElementById("stopped"), stx = document.getElementById("stopped-text");
    if (s && stx) { stx.textContent = st.error; s.hidden = false; }
    console.warn("sparsey:", st.error);
  }

  function exited(msg) {
    const last = window.sparsey.ready ? safeState() : {};
    Object.assign(st, last);
    window.sparsey.ready = false;
    window.sparsey.state = () => Object.assign({}, st);
    fail(msg + " (see the console for details)");
  }

  function safeState() {
    try { return window.sparsey.state(); } catch (e) { return {}; }
  }

  function hasWebGL2() {
    try {
      const c = document.createElement("canvas");
      return !!(window.WebGL2RenderingContext && c.getContext("webgl2"));
    } catch (e) {
      return false;
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("cannot load " + src));
      document.head.appendChild(s);
    });
  }

  // fetchWithProgress returns a Response whose body reports progress.
  async function fetchWithProgress(url, onProgress) {
    const resp = await fetch(url);
    if (!resp.ok) throw new Error("fetching " + url + ": HTTP " + resp.status);
    const total = Number(resp.headers.get("Content-Length")) || 0;
    if (!resp.body || !window.TransformStream) return resp;
    let loaded = 0;
    const counter = new TransformStream({
      transform(chunk, ctl) {
        loaded += chunk.byteLength;
        st.wasmBytes = loaded;
        onProgress(loaded, total);
        ctl.enqueue(chunk);
      },
    });
    return new Response(resp.body.pipeThrough(counter), {
      status: resp.status, headers: { "Content-Type": "application/wasm" },
    });
  }

  async function start() {
    if (!hasWebGL2()) {
      document.getElementById("loading").hidden = true;
      document.getElementById("nowebgl").hidden = false;
      fail("WebGL 2 is not available in this browser; the canvas needs it.");
      return;
    }
    const bar = document.getElementById("wasm-progress");
    const text = document.getElementById("loading-text");
    await loadScript(assets.exec);
    const go = new Go();
    const t0 = performance.now();
    const resp = fetchWithProgress(assets.wasm, (loaded, total) => {
      // A compressed response's Content-Length is the compressed size; the
      // bytes counted are decompressed, so estimate with a typical ratio.
      const est = total ? Math.max(total, loaded) : 12e6;
      const f = total && loaded > total ? Math.min(0.99, loaded / (total * 5)) : Math.min(0.99, loaded / est);
      bar.value = f;
      text.textContent = "Loading the memory program… " + Math.round(loaded / 1e6) + " MB";
    });
    const { instance } = await WebAssembly.instantiateStreaming(resp, go.importObject);
    st.wasmMs = performance.now() - t0;
    bar.value = 1;
    text.textContent = "Starting…";
    // go.run never resolves while the page runs: if it does, the program
    // exited (a Go panic); state() must keep answering.
    go.run(instance).then(() => exited("the program stopped"), (e) => exited(e));
  }

  function boot() { start().catch(fail); }
  window.addEventListener("error", (e) => { if (st.phase === "loading" && !window.sparsey.ready) fail(e.message); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
