package viz

import (
	"image"
	"image/color"
	"strings"
)

// glyphs is a 3×5 pixel font: 15 characters per glyph, rows top to bottom,
// '1' is ink.
var glyphs = map[rune]string{
	'0': "111101101101111", '1': "010110010010111", '2': "111001111100111",
	'3': "111001111001111", '4': "101101111001001", '5': "111100111001111",
	'6': "111100111101111", '7': "111001010010010", '8': "111101111101111",
	'9': "111101111001111",
	'A': "010101111101101", 'B': "110101110101110", 'C': "011100100100011",
	'D': "110101101101110", 'E': "111100110100111", 'F': "111100110100100",
	'G': "011100101101011", 'H': "101101111101101", 'I': "111010010010111",
	'J': "001001001101010", 'K': "101101110101101", 'L': "100100100100111",
	'M': "101111111101101", 'N': "110101101101101", 'O': "010101101101010",
	'P': "110101110100100", 'Q': "010101101110011", 'R': "110101110101101",
	'S': "011100010001110", 'T': "111010010010010", 'U': "101101101101111",
	'V': "101101101101010", 'W': "101101111111101", 'X': "101101010101101",
	'Y': "101101010010010", 'Z': "111001010100111",
	' ': "000000000000000", '.': "000000000000010", ':': "000010000010000",
	'-': "000000111000000", '?': "111001010000010", '(': "001010010010001",
	')': "100010010010100", '/': "001001010100100", '%': "101001010100101",
	'_': "000000000000111", '\'': "010010000000000", ',': "000000000010100",
	'=': "000111000111000", '+': "000010111010000", '#': "101111101111101",
	'!': "010010010000010", '*': "101010101000000", '<': "001010100010001",
	'>': "100010001010100",
}

// TextWidth is the width in pixels of s drawn at the given scale.
func TextWidth(s string, scale int) int {
	n := len([]rune(s))
	if n == 0 {
		return 0
	}
	return (4*n - 1) * scale
}

// TextHeight is the height of a line of text at the given scale.
func TextHeight(scale int) int { return 5 * scale }

// DrawText draws s with its top-left corner at (x, y), clipped to clip.
// Lower-case letters are drawn as capitals; unknown runes as '?'.
func DrawText(dst *image.RGBA, clip image.Rectangle, x, y int, s string, scale int, c color.RGBA) {
	for _, r := range strings.ToUpper(s) {
		g, ok := glyphs[r]
		if !ok {
			g = glyphs['?']
		}
		for i := range 15 {
			if g[i] == '1' {
				px, py := x+(i%3)*scale, y+(i/3)*scale
				fill(dst, image.Rect(px, py, px+scale, py+scale).Intersect(clip), c)
			}
		}
		x += 4 * scale
	}
}

// Fit shortens s with a trailing '.' so it is at most w pixels wide.
func Fit(s string, w, scale int) string {
	r := []rune(s)
	for len(r) > 1 && TextWidth(string(r), scale) > w {
		r = append(r[:len(r)-2], '.')
	}
	return string(r)
}
