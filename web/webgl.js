// A worker that tells the loader whether this browser gives WebGL 2: it
// makes a context on an OffscreenCanvas and lets it go, off the page's
// main thread (the first context starts the browser's GPU process, which
// can take a second or more).
onmessage = () => {
  let ok = false;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
    ok = !!gl;
    const lose = gl && gl.getExtension("WEBGL_lose_context");
    if (lose) lose.loseContext();
  } catch (e) {
    ok = false;
  }
  postMessage(ok);
};
