package mnist

import (
	"strings"
	"testing"
)

// parse reads a small ASCII picture ('#' ink) into a Bitmap at (1, 1).
func parse(pic string) Bitmap {
	var b Bitmap
	for y, line := range strings.Split(strings.TrimSpace(pic), "\n") {
		for x, c := range strings.TrimSpace(line) {
			if c == '#' {
				b.Set(x+1, y+1, true)
			}
		}
	}
	return b
}

// TestThinPatterns checks thin on small patterns where plain parallel
// Zhang–Suen fails (it deletes 2×2 squares and two-pixel diagonals
// entirely, and eats a 4-connected diagonal tail from its free end) and on
// plain strokes. The ring's skeleton is the smallest 8-connected ring
// around its one-pixel hole.
func TestThinPatterns(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"single pixel", "#", "#"},
		{"2×2 square", `
			##
			##`, `
			..
			##`},
		{"two-pixel diagonal", `
			##...
			.##..
			..##.
			...##`, `
			#....
			.#...
			..#..
			...##`},
		{"thick bar", `
			#######
			#######
			#######`, `
			.......
			######.
			.......`},
		{"ring keeps its hole", `
			.###.
			#####
			##.##
			#####
			.###.`, `
			.....
			..#..
			.#.#.
			..#..
			.....`},
		{"long two-pixel diagonal tail", `
			####.......
			####.......
			..##.......
			...##......
			....##.....
			.....##....
			......##...
			.......##..
			........##.`, `
			..#........
			..#........
			...#.......
			....#......
			.....#.....
			......#....
			.......#...
			........#..
			.........#.`},
		{"staircase", `
			##..
			.##.
			..##`, `
			#...
			.#..
			..##`},
		{"one-pixel line unchanged", `
			#....
			.#...
			.#...
			..###`, `
			#....
			.#...
			.#...
			..###`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := parse(tc.in)
			thin(&b)
			if want := parse(tc.want); b != want {
				t.Errorf("got\n%vwant\n%v", b, want)
			}
		})
	}
}

func TestIsSimple(t *testing.T) {
	// Codes: bit k is ring position k (N, NE, E, SE, S, SW, W, NW).
	const N, NE, E, SE, S, SW, W, NW = 1, 2, 4, 8, 16, 32, 64, 128
	tests := []struct {
		name string
		code int
		want bool
	}{
		{"isolated", 0, false},
		{"end of line", N, true},
		{"middle of line", N | S, false},
		{"corner of L", N | E, true},
		{"L with diagonal", N | NE | E, true},
		{"edge of a blob", W | NW | N | NE | E, true},
		{"interior", 255, false},
		{"would open a hole", 255 &^ NE, false},
		{"bridge between diagonals", NE | SW, false},
	}
	for _, tc := range tests {
		if got := isSimple(tc.code); got != tc.want {
			t.Errorf("%s: isSimple(%08b) = %v, want %v", tc.name, tc.code, got, tc.want)
		}
	}
}
