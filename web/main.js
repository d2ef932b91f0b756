// Loader of the Sparsey page: creates window.sparsey with a loading state,
// starts downloading game.wasm (compiled as it streams) and the learned
// memory the site serves, opens the browser storage, loads wasm_exec.js,
// checks WebGL 2 (in a worker), then starts the Go program (which replaces
// the API functions). Messages from a host page that arrive before the
// program runs are kept for it.
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
    memory: ds.memory || "mnist-memory.bin",
    webgl: ds.webgl || "webgl.js",
  };
  const st = {
    phase: "loading", error: null, trained: 0, progress: 0, label: null, scores: [],
    familiarity: 0, ticks: 0, wasmBytes: 0, wasmMs: null, servedBytes: 0, servedTotal: null,
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
    // Host messages received before the program runs (it obeys those
    // from the origins its address allows).
    queued: [],
    // The learned memory the site serves: a promise of its bytes, or
    // null (set by start).
    served: null,
    // The browser storage, opened while the program downloads: a promise
    // of the IndexedDB database, and one of the keys of the memories kept
    // there; or null (set by start).
    db: null,
    keys: null,
    // The same, once they are there (servedChunks: the memory's bytes as
    // they came): the program reads them without waiting for its next
    // turn of the event loop.
    servedChunks: null,
    keysList: null,
    // storedHas tells whether browser storage keeps a memory under key:
    // true or false once the keys are listed, null before.
    storedHas: (key) => (Array.isArray(window.sparsey.keysList) ? window.sparsey.keysList.includes(key) : null),
  };
  window.addEventListener("message", (e) => {
    const q = window.sparsey.queued;
    if (q && q.length < 64) q.push({ origin: e.origin, data: e.data, source: e.source });
  });

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

  // hasWebGL2 makes a WebGL 2 context, then lets it go (the program makes
  // its own).
  function hasWebGL2() {
    try {
      const gl = document.createElement("canvas").getContext("webgl2");
      if (!gl) return false;
      const lose = gl.getExtension("WEBGL_lose_context");
      if (lose) lose.loseContext();
      return true;
    } catch (e) {
      return false;
    }
  }

  // webGL2Async asks a worker whether WebGL 2 works (OffscreenCanvas), so
  // the main thread does not wait for the GPU process; null when the
  // browser cannot answer that way (then hasWebGL2 asks on this thread).
  function webGL2Async() {
    if (!window.Worker || !window.OffscreenCanvas) return Promise.resolve(null);
    return new Promise((resolve) => {
      let w;
      try {
        w = new Worker(assets.webgl);
      } catch (e) {
        resolve(null);
        return;
      }
      w.onmessage = (e) => { resolve(e.data === true); w.terminate(); };
      w.onerror = () => { resolve(null); w.terminate(); };
      w.postMessage(0);
    });
  }

  function noWebGL() {
    document.getElementById("loading").hidden = true;
    document.getElementById("nowebgl").hidden = false;
    fail("WebGL 2 is not available in this browser; the canvas needs it.");
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
    // The bar and its text change at most ten times a second: changing
    // them for every chunk (thousands) took a quarter of the main thread
    // while the program downloads.
    let loaded = 0, shown = 0;
    const counter = new TransformStream({
      transform(chunk, ctl) {
        loaded += chunk.byteLength;
        st.wasmBytes = loaded;
        const now = performance.now();
        if (now - shown >= 100) {
          shown = now;
          onProgress(loaded, total);
        }
        ctl.enqueue(chunk);
      },
    });
    return new Response(resp.body.pipeThrough(counter), {
      status: resp.status, headers: { "Content-Type": "application/wasm" },
    });
  }

  // ownNetwork reports whether the address chooses another network than
  // the default (seed, q, k): the served memory is not for it.
  function ownNetwork() {
    const q = new URLSearchParams(location.search);
    return (q.has("seed") && q.get("seed") !== "1") || q.has("q") || q.has("k");
  }

  // fetchServed fetches the served memory: its bytes (an ArrayBuffer, or
  // an array of Uint8Array chunks), or null when the site has none (404).
  // Its progress goes into the loading state.
  async function fetchServed(url) {
    const resp = await fetch(url);
    if (resp.status === 404) return null;
    if (!resp.ok) throw new Error("fetching " + url + ": HTTP " + resp.status);
    const total = Number(resp.headers.get("Content-Length")) || 0;
    st.servedTotal = total && !resp.headers.get("Content-Encoding") ? total : null;
    if (!resp.body) return resp.arrayBuffer();
    const reader = resp.body.getReader();
    const parts = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      n += value.byteLength;
      st.servedBytes = n;
    }
    // The chunks as they came: the program copies them into its own
    // memory, once (joining them here first was a second copy of tens of
    // megabytes), and lets them go.
    st.servedMs = performance.now();
    window.sparsey.servedChunks = parts; // read at once by a program that runs by now
    return parts;
  }

  // openDB opens the browser storage the program keeps its memory in
  // (IndexedDB "sparsey", object store "memory"; wasm/storage.go), now,
  // while the program downloads: on a first visit creating it takes the
  // browser most of a second. A promise of the database.
  function openDB() {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) {
        reject(new Error("no IndexedDB"));
        return;
      }
      const open = indexedDB.open("sparsey", 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("memory")) db.createObjectStore("memory");
      };
      open.onsuccess = () => {
        const db = open.result;
        db.onversionchange = () => { db.close(); window.sparsey.db = null; };
        st.dbMs = performance.now();
        resolve(db);
      };
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
    });
  }

  // storedKeys lists the keys of the memories kept in the database: the
  // program reads its own only when it is there (on a first visit there
  // is none, and the program need not wait for the browser storage).
  function storedKeys(db) {
    return new Promise((resolve, reject) => {
      const r = db.transaction("memory", "readonly").objectStore("memory").getAllKeys();
      r.onsuccess = () => {
        st.keysMs = performance.now();
        window.sparsey.keysList = r.result; // read at once by a program that runs by now
        resolve(r.result);
      };
      r.onerror = () => reject(r.error);
    });
  }

  async function start() {
    if (!window.WebGL2RenderingContext) {
      noWebGL();
      return;
    }
    const bar = document.getElementById("wasm-progress");
    const text = document.getElementById("loading-text");
    // Everything downloads at once: the program (compiled as it streams),
    // the learned memory, the Go glue; meanwhile a worker checks WebGL 2.
    const t0 = performance.now();
    const webgl = webGL2Async();
    const resp = fetchWithProgress(assets.wasm, (loaded, total) => {
      // A compressed response's Content-Length is the compressed size; the
      // bytes counted are decompressed, so estimate with a typical ratio.
      const est = total ? Math.max(total, loaded) : 12e6;
      const f = total && loaded > total ? Math.min(0.99, loaded / (total * 5)) : Math.min(0.99, loaded / est);
      bar.value = f;
      text.textContent = "Loading the memory program… " + Math.round(loaded / 1e6) + " MB";
    });
    // Compiled as it streams, from now on: not after the checks below.
    const compiled = WebAssembly.compileStreaming(resp);
    compiled.then(() => { st.compiledMs = performance.now(); }, () => {}); // errors: reported where it is awaited below
    window.sparsey.db = openDB();
    window.sparsey.db.catch(() => {}); // the program opens it itself then
    window.sparsey.keys = window.sparsey.db.then(storedKeys);
    window.sparsey.keys.catch(() => {}); // storedHas answers null: the program reads storage itself
    if (!ownNetwork()) {
      window.sparsey.served = fetchServed(assets.memory);
      window.sparsey.served.catch(() => {}); // the program reports it
    }
    await loadScript(assets.exec);
    let ok = await webgl;
    if (ok === null) ok = hasWebGL2();
    if (!ok) {
      noWebGL();
      return;
    }
    const go = new Go();
    st.webglMs = performance.now();
    const instance = await WebAssembly.instantiate(await compiled, go.importObject);
    st.wasmMs = performance.now() - t0;
    bar.value = 1;
    text.textContent = "Starting…";
    // go.run never resolves while the page runs: if it does, the program
    // exited (a Go panic); state() must keep answering.
    go.run(instance).then(() => exited("the program stopped"), (e) => exited(e));
  }

  // The list of terms: a modal dialog (Escape or Close shuts it and the
  // focus goes back to the button that opened it).
  function terms() {
    const d = document.getElementById("terms");
    for (const id of ["terms-open", "terms-open-bar"]) {
      const b = document.getElementById(id);
      if (d && b) b.addEventListener("click", () => d.showModal());
    }
  }

  function boot() { terms(); start().catch(fail); }
  window.addEventListener("error", (e) => { if (st.phase === "loading" && !window.sparsey.ready) fail(e.message); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
