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

// TextBox is one text the canvas drew: its box in CSS pixels (the glyphs'
// ink box), Size its font size in CSS pixels (the em box of the 3×5 font:
// five rows of glyph and one of spacing, 6×scale), and Clipped whether
// any of it was lost: the box outside its clip rectangle or the canvas,
// the text shortened by Fit, or a character of it not in the font.
type TextBox struct {
	Text       string
	X, Y, W, H int
	Size       int
	Clipped    bool
}

// FontSize is the font size in CSS pixels of text drawn at scale (the em
// box: 5 rows of glyph and 1 of spacing).
func FontSize(scale int) int { return 6 * scale }

var (
	drawn []TextBox           // the texts of the last Draw or DrawView
	cut   = map[string]bool{} // results of Fit that were shortened
)

// Texts returns every text the last Draw or DrawView drew, in drawing
// order. The page exposes them to its tests (sparsey.texts()).
func Texts() []TextBox { return append([]TextBox(nil), drawn...) }

// inFont reports whether every character of s has a glyph (the others are
// drawn as '?').
func inFont(s string) bool {
	for _, r := range strings.ToUpper(s) {
		if _, ok := glyphs[r]; !ok {
			return false
		}
	}
	return true
}

// resetTexts starts a new record of texts (Draw and DrawView).
func resetTexts() {
	drawn = drawn[:0]
	clear(cut)
}

// DrawText draws s with its top-left corner at (x, y), clipped to clip.
// Lower-case letters are drawn as capitals; unknown runes as '?'. The text
// and its box are recorded (Texts).
func DrawText(dst *image.RGBA, clip image.Rectangle, x, y int, s string, scale int, c color.RGBA) {
	if s != "" {
		box := image.Rect(x, y, x+TextWidth(s, scale), y+TextHeight(scale))
		drawn = append(drawn, TextBox{Text: s, X: x, Y: y, W: box.Dx(), H: box.Dy(), Size: FontSize(scale),
			Clipped: cut[s] || !box.In(clip.Intersect(dst.Bounds())) || !inFont(s)})
	}
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
	if len(r) < len([]rune(s)) {
		cut[string(r)] = true
	}
	return string(r)
}

// Wrap breaks s at spaces into lines at most w pixels wide at scale; a
// word wider than w is shortened (Fit).
func Wrap(s string, w, scale int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = word
		case TextWidth(cur+" "+word, scale) <= w:
			cur += " " + word
		default:
			lines = append(lines, Fit(cur, w, scale))
			cur = word
		}
	}
	if cur != "" {
		lines = append(lines, Fit(cur, w, scale))
	}
	return lines
}

// drawWrapped draws s wrapped to r's width, one line every textH pixels
// from r's top; lines below r are not drawn, and the last drawn line is
// then shortened (Fit) so that the loss shows (and is recorded).
func drawWrapped(dst *image.RGBA, r image.Rectangle, s string, c color.RGBA) {
	lines := Wrap(s, r.Dx(), TextScale)
	n := max(1, min(len(lines), (r.Dy()+textH-TextHeight(TextScale))/textH))
	for i := range min(n, len(lines)) {
		ln := lines[i]
		if i == n-1 && n < len(lines) {
			ln = Fit(ln+" "+lines[i+1], r.Dx(), TextScale)
		}
		DrawText(dst, r, r.Min.X, r.Min.Y+i*textH, ln, TextScale, c)
	}
}
