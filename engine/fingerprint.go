package engine

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"reflect"
)

// Fingerprint identifies the network c describes: 16 lower-case hex digits,
// the first 64 bits of the SHA-256 of a canonical encoding of c with its
// defaults filled in (Defaults). It covers every field of Config, of its
// levels, grids and fields, the seed included, so two configs that build
// the same network (one leaving a field zero, the other setting it to its
// default) have the same fingerprint, and a change of any value gives
// another. A saved memory carries its network's fingerprint, so that a page
// can refuse a memory that was learned by another network.
//
// The encoding is independent of the platform and of encoding/json: each
// field, in declaration order, as its name and then its value (integers as
// 64-bit big-endian, floats as their IEEE 754 bits, strings and slices
// with their length first). Adding, removing or renaming a field of Config
// therefore changes every fingerprint: a network with a new field is a new
// kind of network.
func (c Config) Fingerprint() string {
	e := canon{b: []byte("sparsey config v1\x00")}
	e.value(reflect.ValueOf(c.Defaults()))
	sum := sha256Sum(e.b)
	return hex.EncodeToString(sum[:8])
}

// canon is the canonical encoding of Fingerprint.
type canon struct{ b []byte }

func (e *canon) str(s string) {
	e.b = binary.BigEndian.AppendUint64(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *canon) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		e.b = binary.BigEndian.AppendUint64(e.b, uint64(v.NumField()))
		for i := range v.NumField() {
			e.str(t.Field(i).Name)
			e.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		e.b = binary.BigEndian.AppendUint64(e.b, uint64(v.Len()))
		for i := range v.Len() {
			e.value(v.Index(i))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = binary.BigEndian.AppendUint64(e.b, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.b = binary.BigEndian.AppendUint64(e.b, v.Uint())
	case reflect.Float32, reflect.Float64:
		e.b = binary.BigEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
	case reflect.Bool:
		if v.Bool() {
			e.b = append(e.b, 1)
		} else {
			e.b = append(e.b, 0)
		}
	case reflect.String:
		e.str(v.String())
	default:
		// Config holds none of the other kinds (a test checks); name the
		// kind so that a new one is still told apart.
		e.str("kind " + v.Kind().String())
	}
}
