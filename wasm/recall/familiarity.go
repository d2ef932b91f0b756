package recall

import (
	"fmt"
	"image/color"
)

// Kind is how familiar an input is, in words.
type Kind int

const (
	// None: nothing to judge (an empty pad, or a network whose thresholds
	// were never measured).
	None Kind = iota
	// Seen: the top level stored this very input ("seen before").
	Seen
	// Known: a new input made of familiar parts ("like what I know").
	Known
	// New: its parts are unfamiliar ("new to me").
	New
)

// The words of each Kind.
const (
	WordsSeen  = "seen before"
	WordsKnown = "like what I know"
	WordsNew   = "new to me"
)

// Words says the kind in words ("" for None).
func (k Kind) Words() string {
	switch k {
	case Seen:
		return WordsSeen
	case Known:
		return WordsKnown
	case New:
		return WordsNew
	}
	return ""
}

// Colours of the kinds: green for seen, blue for known, orange for new,
// grey for none.
var (
	SeenColor  = color.RGBA{0x6c, 0xd8, 0x8a, 0xff}
	KnownColor = color.RGBA{0x8c, 0xb8, 0xf0, 0xff}
	NewColor   = color.RGBA{0xff, 0x86, 0x5a, 0xff}
	NoneColor  = color.RGBA{0x6a, 0x76, 0x84, 0xff}
)

// Color is the kind's colour, for its words and its bar alike.
func (k Kind) Color() color.RGBA {
	switch k {
	case Seen:
		return SeenColor
	case Known:
		return KnownColor
	case New:
		return NewColor
	}
	return NoneColor
}

// CSS is the colour as a CSS hex colour ("#6cd88a").
func (k Kind) CSS() string {
	c := k.Color()
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}

// Familiarity is how familiar an input is: one value that the words, the
// bar and the colour all come from.
type Familiarity struct {
	Kind Kind
	// Value is what the bar shows, 0..1, and SeenAt the mark on it from
	// which the input counts as seen before (0: none).
	Value, SeenAt float64
	// Low marks, per level below the top (Low[i] for level i+1), the
	// levels that found the input's parts unfamiliar.
	Low []bool
	// Why says in one line why the words are what they are.
	Why string
}

// Words are the familiarity's words ("" for none).
func (f Familiarity) Words() string { return f.Kind.Words() }

// Color is the colour of the words and the bar.
func (f Familiarity) Color() color.RGBA { return f.Kind.Color() }

// Shown reports whether there is a familiarity to show.
func (f Familiarity) Shown() bool { return f.Kind != None }

// Thresholds are the rule that says how familiar an input is from the
// familiarity G of each level of the network (bottom first, the top
// last), measured on one network (see wasm/core's familiarity.go):
//
//   - seen before: the top level's G is at least SeenBefore;
//   - new to me: otherwise, when a level below the top has G under its
//     NewBelow threshold (the parts are unfamiliar);
//   - like what I know: otherwise.
//
// The bar shows the top level's G with a mark at SeenBefore; Why names
// the level that made an input new.
type Thresholds struct {
	SeenBefore float64
	// NewBelow holds, for level 1, 2, …, the G under which that level
	// finds an input's parts unfamiliar. Levels beyond it, and the top
	// level, have none.
	NewBelow []float64
}

// Judge says how familiar an input is from the G of each level (bottom
// first). No levels: None.
func (t Thresholds) Judge(levelG []float64) Familiarity {
	if len(levelG) == 0 {
		return Familiarity{}
	}
	top := levelG[len(levelG)-1]
	f := Familiarity{Value: min(max(top, 0), 1), SeenAt: t.SeenBefore, Low: make([]bool, len(levelG)-1)}
	first := -1
	for i := 0; i < len(levelG)-1 && i < len(t.NewBelow); i++ {
		if levelG[i] < t.NewBelow[i] {
			f.Low[i] = true
			if first < 0 {
				first = i
			}
		}
	}
	switch {
	case top >= t.SeenBefore:
		f.Kind = Seen
		f.Why = fmt.Sprintf("stored before: top g %.2f >= %.2f", top, t.SeenBefore)
	case first >= 0:
		f.Kind = New
		f.Why = fmt.Sprintf("unfamiliar parts: level %d g %.3f < %.3f", first+1, levelG[first], t.NewBelow[first])
	default:
		f.Kind = Known
		f.Why = fmt.Sprintf("familiar parts, new whole: top g %.2f < %.2f", top, t.SeenBefore)
	}
	return f
}
