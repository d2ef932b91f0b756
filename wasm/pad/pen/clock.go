package pen

import (
	"fmt"
	"math/rand/v2"

	"github.com/sparsey-web/sparsey/wasm/pad"
)

// Clock is when the positions of a pen reach the page, as browsers deliver
// them. The browser sends a pointer event EventRate times per second
// (60 to 120 for mice, pens and touch screens), each interval off by up to
// Jitter of its length; the page reads the latest event's position once
// per tick (TickRate, 60 per second, Ebiten's default), and a tick that
// comes late (a stalled frame, with probability Stall) reads nothing new.
// The zero Clock is the page's steady 60 ticks per second with an event
// before every tick: Writer.Write's sampling at Rate 60.
type Clock struct {
	// EventRate is the number of pointer events per second; 0 means
	// TickRate.
	EventRate float64
	// Jitter is the largest error of an event interval as a fraction of
	// it: each interval is (1 + Jitter·u)/EventRate, u uniform in
	// [−1, 1]. In [0, 1).
	Jitter float64
	// TickRate is the number of times per second the page reads the
	// pointer; 0 means DefaultRate (60).
	TickRate float64
	// Stall is the probability that a tick reads no new position (the
	// frame came late, so the position it would have read is read by the
	// next tick or lost). In [0, 1).
	Stall float64
}

// Valid reports whether the clock's fields are in range.
func (c Clock) Valid() error {
	if !(c.EventRate >= 0) || !(c.TickRate >= 0) || !(c.Jitter >= 0 && c.Jitter < 1) || !(c.Stall >= 0 && c.Stall < 1) {
		return fmt.Errorf("pen: clock %+v: rates ≥ 0, jitter and stall in [0, 1)", c)
	}
	return nil
}

// WriteClock is Write with the pointer's positions reaching the page on
// clock c: for each stroke its start, the pen's position at the latest
// event before each tick that reads one, and its end. Random choices
// (event jitter, stalled ticks) come from rng, which may be nil when
// c.Jitter and c.Stall are 0.
func (w Writer) WriteClock(strokes []pad.Stroke, c Clock, rng *rand.Rand) ([]pad.Stroke, error) {
	if err := c.Valid(); err != nil {
		return nil, err
	}
	if (c.Jitter > 0 || c.Stall > 0) && rng == nil {
		return nil, fmt.Errorf("pen: a clock with jitter or stalls needs a random source")
	}
	w = w.withDefaults()
	tick := c.TickRate
	if tick == 0 {
		tick = DefaultRate
	}
	ev := c.EventRate
	if ev == 0 {
		ev = tick
	}
	out := make([]pad.Stroke, 0, len(strokes))
	for _, s := range strokes {
		switch len(s) {
		case 0:
			continue
		case 1:
			out = append(out, pad.Stroke{s[0]})
			continue
		}
		_, t := w.timing(s)
		end := t[len(t)-1]
		// Event times after the press (the press is the stroke's start).
		var events []float64
		for e, j := 0.0, 1; ; j++ {
			if c.Jitter > 0 {
				e += (1 + c.Jitter*(2*rng.Float64()-1)) / ev
			} else {
				e = float64(j) * (1 / ev) // as Write computes its times
			}
			if e >= end {
				break
			}
			events = append(events, e)
		}
		// Each tick reads the latest event before it (none: nothing new).
		var times []float64
		j := -1
		for k := 1; float64(k)/tick < end; k++ {
			if c.Stall > 0 && rng.Float64() < c.Stall {
				continue
			}
			tk := float64(k) * (1 / tick)
			for j+1 < len(events) && events[j+1] <= tk+1e-12 {
				j++
			}
			if j >= 0 && (len(times) == 0 || times[len(times)-1] != events[j]) {
				times = append(times, events[j])
			}
		}
		out = append(out, at(s, t, times))
	}
	return out, nil
}
