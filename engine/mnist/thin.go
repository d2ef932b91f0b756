package mnist

// Thinning works on a copy of the bitmap padded with a one-pixel border of
// background, so every image pixel has eight neighbours.
const padSide = Side + 2

// The eight neighbours in Zhang and Suen's order P2..P9 (N, NE, E, SE, S,
// SW, W, NW); bit k of a neighbourhood code is P(k+2).
var neighbourOffsets = [8]int{-padSide, -padSide + 1, 1, padSide + 1, padSide, padSide - 1, -1, -padSide - 1}

// Bits of zsTable, per neighbourhood code.
const (
	zsFirst  = 1 << iota // the first Zhang–Suen sub-iteration may delete the pixel
	zsSecond             // the second sub-iteration may delete it
	zsSafe               // 2 ≤ B ≤ 6 ink neighbours and A = 1 (one run of ink around it)
	simple               // a simple point with at least two ink neighbours (see thin)
)

// zsTable classifies each 8-neighbourhood code (bit k is P(k+2)).
var zsTable = func() (t [256]uint8) {
	for code := range 256 {
		p := func(k int) int { return code >> ((k - 2) % 8) & 1 } // P2..P9, P10 = P2
		b, a := 0, 0
		for k := 2; k <= 9; k++ {
			b += p(k)
			if p(k) == 0 && p(k+1) == 1 {
				a++
			}
		}
		if b >= 2 && isSimple(code) {
			t[code] |= simple
		}
		if b < 2 || b > 6 || a != 1 {
			continue
		}
		t[code] |= zsSafe
		if p(2)*p(4)*p(6) == 0 && p(4)*p(6)*p(8) == 0 {
			t[code] |= zsFirst
		}
		if p(2)*p(4)*p(8) == 0 && p(2)*p(6)*p(8) == 0 {
			t[code] |= zsSecond
		}
	}
	return t
}()

// isSimple reports whether a pixel with neighbourhood code is a simple
// point for 8-connected ink and 4-connected background: its ink neighbours
// form exactly one 8-connected group and its background neighbours exactly
// one 4-connected group touching it. Deleting a simple point changes no
// connectivity.
func isSimple(code int) bool {
	// Ring positions 0..7 are N, NE, E, SE, S, SW, W, NW; even ones are the
	// edge (4-)neighbours.
	ink := func(k int) bool { return code>>(k&7)&1 != 0 }

	// Ink groups: ring positions k and k+1 always touch; two edge
	// neighbours two apart (N and E, ...) touch diagonally.
	var group [8]int // 0 = not visited
	groups := 0
	for k := range 8 {
		if !ink(k) || group[k] != 0 {
			continue
		}
		groups++
		stack := []int{k}
		group[k] = groups
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range [4]int{1, 7, 2, 6} {
				j := (i + d) & 7
				if ink(j) && group[j] == 0 && (d == 1 || d == 7 || i%2 == 0) {
					group[j] = groups
					stack = append(stack, j)
				}
			}
		}
	}

	// Background groups touching the pixel: circular runs of background
	// that hold an edge neighbour (only consecutive ring positions are
	// 4-adjacent to each other).
	bg := 0
	if code == 0 {
		bg = 1
	}
	for k := range 8 {
		if code == 0 || ink(k) || !ink(k+7) {
			continue // not the start of a background run
		}
		for j := k; !ink(j); j++ {
			if j%2 == 0 {
				bg++
				break
			}
		}
	}
	return groups == 1 && bg == 1
}

func neighbourhood(g *[padSide * padSide]uint8, p int) int {
	code := 0
	for k, off := range neighbourOffsets {
		code |= int(g[p+off]) << k
	}
	return code
}

// thin reduces b to a skeleton in place (see Preprocess, step 4).
func thin(b *Bitmap) {
	var g [padSide * padSide]uint8
	var ink [Pixels]int // padded indices of the ink pixels
	n := 0
	for i := range Pixels {
		if b.w[i>>6]&(1<<(i&63)) != 0 {
			p := (i/Side+1)*padSide + i%Side + 1
			g[p] = 1
			ink[n] = p
			n++
		}
	}
	// Zhang–Suen erodes a free end of a 4-connected diagonal stroke (two
	// pixels per row, no full 2×2 block) pixel by pixel until the whole
	// stroke is gone; making such strokes 8-connected first keeps them.
	staircases(&g, ink[:n], true)
	var marked [Pixels]int
	for {
		changed := false
		for sub := range 2 {
			mask := uint8(1) << sub
			m := 0
			for _, p := range ink[:n] {
				if g[p] != 0 && zsTable[neighbourhood(&g, p)]&mask != 0 {
					marked[m] = p
					m++
				}
			}
			// Delete one at a time, re-checking against the current image,
			// so parallel deletions cannot cut a stroke or erase a blob.
			for _, p := range marked[:m] {
				if zsTable[neighbourhood(&g, p)]&zsSafe != 0 {
					g[p] = 0
					changed = true
				}
			}
			// Drop deleted pixels from the ink list.
			k := 0
			for _, p := range ink[:n] {
				if g[p] != 0 {
					ink[k] = p
					k++
				}
			}
			n = k
		}
		if !changed {
			break
		}
	}
	// Zhang–Suen leaves staircase corners; remove them.
	staircases(&g, ink[:n], false)
	*b = Bitmap{}
	for _, p := range ink[:n] {
		if g[p] != 0 {
			i := (p/padSide-1)*Side + p%padSide - 1
			b.w[i>>6] |= 1 << (i & 63)
		}
	}
}

// staircases deletes, one at a time until none is left, the simple points
// of g with ink on two perpendicular sides (N and E, E and S, ...): the
// redundant corners of staircases, as in full 2×2 blocks and 4-connected
// diagonals. If thinOnly, only pixels in no full 2×2 block are deleted,
// which turns 4-connected diagonal strokes into 8-connected ones and leaves
// thick strokes alone.
func staircases(g *[padSide * padSide]uint8, ink []int, thinOnly bool) {
	for changed := true; changed; {
		changed = false
		for _, p := range ink {
			if g[p] == 0 {
				continue
			}
			nn, e, s, w := g[p-padSide], g[p+1], g[p+padSide], g[p-1]
			if nn&e|e&s|s&w|w&nn == 0 || zsTable[neighbourhood(g, p)]&simple == 0 {
				continue
			}
			if thinOnly && inFullBlock(g, p) {
				continue
			}
			g[p] = 0
			changed = true
		}
	}
}

// inFullBlock reports whether p is one of the four pixels of a full 2×2
// block of ink.
func inFullBlock(g *[padSide * padSide]uint8, p int) bool {
	for _, q := range [4]int{p, p - 1, p - padSide, p - padSide - 1} { // top-left corners
		if g[q]&g[q+1]&g[q+padSide]&g[q+padSide+1] != 0 {
			return true
		}
	}
	return false
}
