package core

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Arg is an argument of a window.sparsey call as the page received it from
// a script: its JavaScript type and value. The page's adapter builds it
// (without calling anything of the value, which could be a hostile
// object); the methods check it and return an *ArgError naming the call,
// the argument and what it accepts, so no script can make a call fail with
// an internal message or pass NaN or an infinity on.
type Arg struct {
	// Type is the value's JavaScript type: "undefined" (also for a missing
	// argument), "null", "boolean", "number", "string", "symbol", "bigint",
	// "object" or "function".
	Type string
	Num  float64 // the value of a number
	Str  string  // the value of a string
	Bool bool    // the value of a boolean
	// Desc describes an object ("an array", "an ArrayBuffer", …) in
	// messages.
	Desc string
}

// Absent reports whether the argument is missing or undefined.
func (v Arg) Absent() bool { return v.Type == "" || v.Type == "undefined" }

// ArgError is a window.sparsey call's argument the page cannot use.
type ArgError struct {
	Call, Name string // the call ("macRect") and the argument ("level")
	Want       string // what it accepts
	Got        string // what it got
}

func (e *ArgError) Error() string {
	return fmt.Sprintf("sparsey.%s: %s must be %s (got %s)", e.Call, e.Name, e.Want, e.Got)
}

// maxShown is the most characters of a string shown in a message.
const maxShown = 40

// String describes the value for a message: a string quoted and cut to 40
// characters, a number as JavaScript writes it, an object by its kind.
func (v Arg) String() string {
	switch v.Type {
	case "", "undefined":
		return "nothing"
	case "null":
		return "null"
	case "boolean":
		return strconv.FormatBool(v.Bool)
	case "number":
		return jsNumber(v.Num)
	case "string":
		return shorten(v.Str)
	case "object", "function":
		if v.Desc != "" {
			return v.Desc
		}
		if v.Type == "object" {
			return "an object"
		}
	}
	return "a " + v.Type
}

// jsNumber writes x as JavaScript would (NaN, Infinity, 1e+300, 12).
func jsNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	}
	if a := math.Abs(x); a == 0 || a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	s := strconv.FormatFloat(x, 'e', -1, 64) // 1e+300, 1.5e-07
	mant, exp, _ := strings.Cut(s, "e")
	sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
	return mant + "e" + sign + digits
}

// shorten quotes s for a message, cut to maxShown characters, control
// characters escaped.
func shorten(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	cut := ""
	if utf8.RuneCountInString(s) > maxShown {
		r := []rune(s)
		s, cut = string(r[:maxShown]), fmt.Sprintf("… (%d characters)", len(r))
	}
	return strconv.Quote(s) + cut
}

// Int returns the argument as a whole number from lo to hi.
func (v Arg) Int(call, name string, lo, hi int) (int, error) {
	want := fmt.Sprintf("a whole number from %d to %d", lo, hi)
	if hi < lo {
		want = "a whole number (there is none to choose here)"
	}
	if v.Type != "number" || math.IsNaN(v.Num) || math.IsInf(v.Num, 0) || v.Num != math.Trunc(v.Num) ||
		v.Num < float64(lo) || v.Num > float64(hi) {
		return 0, &ArgError{Call: call, Name: name, Want: want, Got: v.String()}
	}
	return int(v.Num), nil
}

// Float returns the argument as a number from lo to hi (NaN and the
// infinities are refused).
func (v Arg) Float(call, name string, lo, hi float64) (float64, error) {
	if v.Type != "number" || math.IsNaN(v.Num) || v.Num < lo || v.Num > hi {
		return 0, &ArgError{Call: call, Name: name, Want: fmt.Sprintf("a number from %v to %v", lo, hi), Got: v.String()}
	}
	return v.Num, nil
}

// Text returns the argument as a string of at most max characters.
func (v Arg) Text(call, name, want string, max int) (string, error) {
	if v.Type != "string" || utf8.RuneCountInString(v.Str) > max {
		return "", &ArgError{Call: call, Name: name, Want: want, Got: v.String()}
	}
	return v.Str, nil
}

// The ranges of the counts scripts give train(n) and test(n).
const (
	MaxTrainArg = 1_000_000
	MaxTestArg  = 1_000_000
)

// MaxFileBytes is the largest memory file the page reads (from the file
// input or sparsey.load): twice the largest network a snapshot may hold.
const MaxFileBytes = 512 << 20

// macBounds returns the levels of the network, the grids of level, the macs
// of grid g of level and their Q (0 when there is no such grid).
func (a *App) macBounds(level, g int) (levels, grids, macs, q int) {
	if a.net == nil {
		return 0, 0, 0, 0
	}
	cfg := a.net.Config()
	levels = len(cfg.Levels)
	if level < 1 || level > levels {
		return levels, 0, 0, 0
	}
	gs := cfg.Levels[level-1].Grids
	if g < 0 || g >= len(gs) {
		return levels, len(gs), 0, 0
	}
	return levels, len(gs), gs[g].Macs.N(), gs[g].Q
}

// MacArgs checks the (level, grid, mac) arguments of call against the
// network: level from 1, grid from 0, mac from 0 (from −1, "the grid's
// default mac", when anyMac) to the last of its grid.
func (a *App) MacArgs(call string, level, grid, mac Arg, anyMac bool) (l, g, m int, err error) {
	if a.net == nil {
		return 0, 0, 0, a.stopped()
	}
	levels, _, _, _ := a.macBounds(1, 0)
	if l, err = level.Int(call, "level", 1, levels); err != nil {
		return
	}
	_, grids, _, _ := a.macBounds(l, 0)
	if g, err = grid.Int(call, "grid", 0, grids-1); err != nil {
		return
	}
	_, _, macs, _ := a.macBounds(l, g)
	lo := 0
	if anyMac {
		lo = -1
	}
	if m, err = mac.Int(call, "mac", lo, macs-1); err != nil {
		return
	}
	return l, g, m, nil
}

// CSAArgs applies sparsey.csa's fields (absent ones keep their value):
// the mac (level, grid, mac: −1 for the grid's most active), the CM, and
// g, a familiarity from 0 to 1 that overrides G, or null to end the
// override. All are checked first: on an error nothing changes.
func (a *App) CSAArgs(level, grid, mac, cm, g Arg) error {
	return a.csaArgs("csa", level, grid, mac, cm, g)
}

// csaArgs is CSAArgs for call (a host command's name).
func (a *App) csaArgs(call string, level, grid, mac, cm, g Arg) error {
	if a.net == nil {
		return a.stopped()
	}
	cv := csaOf(a)
	set := cv.set
	cur := func(v Arg, n int) Arg {
		if v.Absent() {
			return Arg{Type: "number", Num: float64(n)}
		}
		return v
	}
	macMoved := !level.Absent() || !grid.Absent()
	mv := cur(mac, set.Mac)
	if macMoved && mac.Absent() {
		mv = Arg{Type: "number", Num: -1} // another grid: its default mac
	}
	l, gi, m, err := a.MacArgs(call, cur(level, set.Level), cur(grid, set.Grid), mv, true)
	if err != nil {
		return err
	}
	_, _, _, q := a.macBounds(l, gi)
	c, err := cur(cm, min(set.CM, q-1)).Int(call, "cm", 0, q-1)
	if err != nil {
		return err
	}
	override, gv := set.Override, set.G
	switch g.Type {
	case "", "undefined":
	case "null":
		override = false
	default:
		if gv, err = g.Float(call, "g", 0, 1); err != nil {
			return err
		}
		override = true
	}
	cv.set.Level, cv.set.Grid, cv.set.Mac, cv.set.CM = l, gi, m, c
	cv.set.Override, cv.set.G = override, gv
	cv.set.Auto = cv.set.Auto && !macMoved && mac.Absent()
	return nil
}
