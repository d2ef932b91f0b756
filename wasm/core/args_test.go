package core

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
)

func num(x float64) Arg { return Arg{Type: "number", Num: x} }
func str(s string) Arg  { return Arg{Type: "string", Str: s} }

// Every argument a script may pass that is not a whole number in range is
// refused with a message naming the call, the argument, what it accepts
// and what it got.
func TestArgInt(t *testing.T) {
	for _, tc := range []struct {
		v    Arg
		got  string // in the message; "" for accepted
		want int
	}{
		{num(3), "", 3},
		{num(-1), "", -1},
		{num(4), "4", 0},
		{num(1.5), "1.5", 0},
		{num(math.NaN()), "NaN", 0},
		{num(math.Inf(1)), "Infinity", 0},
		{num(math.Inf(-1)), "-Infinity", 0},
		{num(1e300), "1e+300", 0},
		{num(-1e300), "-1e+300", 0},
		{num(1e9), "1000000000", 0},
		{num(123456789), "123456789", 0},
		{num(1.5e-7), "1.5e-7", 0},
		{num(0.25), "0.25", 0},
		{num(1e21), "1e+21", 0},
		{str("a"), `"a"`, 0},
		{str("3"), `"3"`, 0},
		{str(strings.Repeat("x", 5000)), `… (5000 characters)`, 0},
		{str("\x00\n<b>"), `"\x00\n<b>"`, 0},
		{Arg{}, "nothing", 0},
		{Arg{Type: "undefined"}, "nothing", 0},
		{Arg{Type: "null"}, "null", 0},
		{Arg{Type: "boolean", Bool: true}, "true", 0},
		{Arg{Type: "object", Desc: "an array"}, "an array", 0},
		{Arg{Type: "object"}, "an object", 0},
		{Arg{Type: "function"}, "a function", 0},
		{Arg{Type: "symbol"}, "a symbol", 0},
		{Arg{Type: "bigint"}, "a bigint", 0},
	} {
		n, err := tc.v.Int("macRect", "level", -1, 3)
		if tc.got == "" {
			if err != nil || n != tc.want {
				t.Errorf("%v: %d, %v", tc.v, n, err)
			}
			continue
		}
		var ae *ArgError
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), "sparsey.macRect: level must be a whole number from -1 to 3") ||
			!strings.Contains(err.Error(), tc.got) {
			t.Errorf("%v: error %v, want it to show %s", tc.v, err, tc.got)
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), -0.1, 1.01} {
		if _, err := num(x).Float("csa", "g", 0, 1); err == nil || !strings.Contains(err.Error(), "g must be a number from 0 to 1") {
			t.Errorf("g = %v: %v", x, err)
		}
	}
	if g, err := num(0.25).Float("csa", "g", 0, 1); err != nil || g != 0.25 {
		t.Errorf("g = 0.25: %v %v", g, err)
	}
}

// MacArgs and CSAArgs check a mac against the network; CSAArgs changes
// nothing when one of its fields is refused.
func TestMacArgs(t *testing.T) {
	c := newClock(time.Millisecond)
	a := New(Options{Query: "train=0", Now: c.now})
	if l, g, m, err := a.MacArgs("macRect", num(3), num(0), num(3), false); err != nil || l != 3 || g != 0 || m != 3 {
		t.Errorf("top mac 3: %d %d %d %v", l, g, m, err)
	}
	for _, tc := range []struct {
		level, grid, mac Arg
		want             string
	}{
		{num(4), num(0), num(0), "level must be a whole number from 1 to 3 (got 4)"},
		{num(1), num(3), num(0), "grid must be a whole number from 0 to 2 (got 3)"},
		{num(3), num(0), num(4), "mac must be a whole number from 0 to 3 (got 4)"},
		{num(3), num(0), num(-1), "mac must be a whole number from 0 to 3 (got -1)"},
		{str("a"), num(0), num(0), `level must be a whole number from 1 to 3 (got "a")`},
	} {
		if _, _, _, err := a.MacArgs("macRect", tc.level, tc.grid, tc.mac, false); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v %v: %v, want %q", tc.level, tc.grid, tc.mac, err, tc.want)
		}
	}
	key := func() [6]float64 {
		s := a.CSA()
		o := 0.0
		if s.Override {
			o = 1
		}
		return [6]float64{float64(s.Level), float64(s.Grid), float64(s.Mac), float64(s.CM), o, s.G}
	}
	before := key()
	q2 := engine.MNISTConfig().Levels[1].Grids[0].Q // CMs of a level-2 mac
	for _, tc := range []struct {
		level, grid, mac, cm, g Arg
		want                    string
	}{
		{Arg{}, Arg{}, Arg{}, Arg{}, num(math.NaN()), "g must be a number from 0 to 1 (got NaN)"},
		{num(2), Arg{}, Arg{}, num(4), num(0.5), fmt.Sprintf("cm must be a whole number from 0 to %d (got 4)", q2-1)},
		{num(2), Arg{}, num(16), Arg{}, Arg{}, "mac must be a whole number from -1 to 15 (got 16)"},
		{Arg{}, Arg{}, Arg{}, Arg{}, str("0.5"), `g must be a number from 0 to 1 (got "0.5")`},
	} {
		err := a.CSAArgs(tc.level, tc.grid, tc.mac, tc.cm, tc.g)
		if err == nil || !strings.Contains(err.Error(), "sparsey.csa: "+tc.want) {
			t.Errorf("%v: %v, want %q", tc, err, tc.want)
		}
		if key() != before {
			t.Errorf("a refused call changed the view: %v", key())
		}
	}
	if err := a.CSAArgs(num(2), Arg{}, Arg{}, num(float64(q2-1)), num(0.5)); err != nil {
		t.Fatal(err)
	}
	if s := a.CSA(); s.Level != 2 || s.Grid != 0 || s.Mac != -1 || s.CM != q2-1 || !s.Override || s.G != 0.5 {
		t.Errorf("after csa: %+v", *s)
	}
	if err := a.CSAArgs(Arg{}, Arg{}, Arg{}, Arg{}, Arg{Type: "null"}); err != nil || a.CSA().Override {
		t.Errorf("g null: %v, override %v", err, a.CSA().Override)
	}
}
