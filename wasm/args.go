//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// argOf describes a JavaScript value for wasm/core's argument checks. It
// reads only the value's type and, for numbers, strings and booleans, the
// value itself: it never calls anything of an object (a script could give
// one whose toString or getters throw or never end).
func argOf(v js.Value) core.Arg {
	t, ok := typeOf(v)
	if !ok {
		return core.Arg{Type: "bigint"}
	}
	a := core.Arg{Type: t.String()}
	switch t {
	case js.TypeNumber:
		a.Num = v.Float()
	case js.TypeString:
		a.Str = v.String()
	case js.TypeBoolean:
		a.Bool = v.Bool()
	case js.TypeObject:
		switch {
		case js.Global().Get("Array").Call("isArray", v).Bool():
			a.Desc = "an array"
		case v.InstanceOf(js.Global().Get("ArrayBuffer")):
			a.Desc = "an ArrayBuffer"
		case js.Global().Get("ArrayBuffer").Call("isView", v).Bool():
			a.Desc = "a typed array"
		}
	}
	return a
}

// typeOf is v's type; ok is false for the one type syscall/js cannot
// tell (a BigInt, whose Type panics).
func typeOf(v js.Value) (t js.Type, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.Type(), true
}

// argAt is argument i, or a missing one (type "undefined").
func argAt(args []js.Value, i int) core.Arg {
	if i < len(args) {
		return argOf(args[i])
	}
	return core.Arg{Type: "undefined"}
}

// field is property name of an object argument (undefined when the
// argument is not an object); reading it may run a getter, which the
// caller's guard recovers from.
func field(o js.Value, name string) core.Arg {
	if o.Type() != js.TypeObject {
		return core.Arg{Type: "undefined"}
	}
	return argOf(o.Get(name))
}

// bytesArg copies the bytes of an ArrayBuffer or a typed array (or
// DataView) argument, of at most core.MaxFileBytes; anything else is an
// error naming the argument.
func bytesArg(call, name string, v core.Arg, raw js.Value) ([]byte, error) {
	want := "an ArrayBuffer or a Uint8Array (a memory file's bytes)"
	if v.Type != "object" || (v.Desc != "an ArrayBuffer" && v.Desc != "a typed array") {
		return nil, &core.ArgError{Call: call, Name: name, Want: want, Got: v.String()}
	}
	n := raw.Get("byteLength")
	if n.Type() != js.TypeNumber {
		return nil, &core.ArgError{Call: call, Name: name, Want: want, Got: v.String()}
	}
	if size := n.Float(); size > core.MaxFileBytes {
		return nil, fmt.Errorf("sparsey.%s: %s has %.0f MiB, more than any memory this page can load (%d MiB)",
			call, name, size/(1<<20), core.MaxFileBytes>>20)
	}
	buf := raw
	if v.Desc == "a typed array" {
		buf = raw.Get("buffer")
		if buf.Type() != js.TypeObject {
			return nil, errors.New("sparsey." + call + ": cannot read " + name)
		}
		u8 := js.Global().Get("Uint8Array").New(buf, raw.Get("byteOffset"), raw.Get("byteLength"))
		b := make([]byte, u8.Get("length").Int())
		js.CopyBytesToGo(b, u8)
		return b, nil
	}
	return fromJS(buf), nil
}
