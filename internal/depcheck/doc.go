// Package depcheck holds only a test: it keeps the module's import arrows
// pointing down (wasm → wasm/pad, wasm/viz → engine/mnist → engine), keeps
// engine free of I/O, and keeps server on the standard library, as the
// package table of docs/ARCHITECTURE.md says. Go's own
// go/build/deps_test.go is the model.
package depcheck
