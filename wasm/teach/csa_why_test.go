package teach

import (
	"strings"
	"testing"
)

// TestCSAWhy: the view's note names the case the mac's G is in: 1 (the
// familiar code wins), at or below the threshold (η 1: ρ even, a new
// code), or between (η favours the high-V cells).
func TestCSAWhy(t *testing.T) {
	for _, c := range []struct {
		g, eta float64
		want   string
	}{{1, 51201, "is 1"}, {0.4, 1, "below the threshold"}, {0.85, 40, "between the threshold and 1"}} {
		if got := csaWhy(c.g, c.eta, false); !strings.Contains(got, c.want) {
			t.Errorf("g %v η %v: %q, want %q", c.g, c.eta, got, c.want)
		}
	}
	if got := csaWhy(0.5, 1, true); !strings.HasPrefix(got, "the g set") {
		t.Errorf("override: %q", got)
	}
}
