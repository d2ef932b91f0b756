package main

import (
	"math"
	"math/rand/v2"
)

// Inputs unlike digits, for the novelty measure (novel_g).

// scribble draws random strokes into a 28×28 grey image (ink 255): three
// pen strokes, each a walk of unit steps whose heading turns by a random
// angle of up to ±60° per step, with a pen about two pixels wide, like the
// strokes of an MNIST digit; ink is the number of pixel steps in all (the
// stroke length of the digit it stands in for). The result has about a
// digit's ink but no digit's shape: tangles, hooks and crossings in random
// places.
func scribble(rng *rand.Rand, ink int) []byte {
	const side = 28
	img := make([]byte, side*side)
	strokes := 3
	per := max(ink/strokes, 4)
	for range strokes {
		x, y := 6+rng.Float64()*16, 6+rng.Float64()*16
		a := rng.Float64() * 2 * math.Pi
		for range per {
			a += (rng.Float64()*2 - 1) * math.Pi / 3
			nx, ny := x+math.Cos(a), y+math.Sin(a)
			if nx < 2 || nx > 25 || ny < 2 || ny > 25 {
				a += math.Pi // turn back at the border
				continue
			}
			x, y = nx, ny
			for dy := -1; dy <= 0; dy++ {
				for dx := -1; dx <= 0; dx++ {
					px, py := int(x)+dx, int(y)+dy
					img[py*side+px] = 255
				}
			}
		}
	}
	return img
}

// rotate90 returns the w×h image turned a quarter turn clockwise (h×w).
func rotate90(img []byte, w, h int) []byte {
	out := make([]byte, len(img))
	for y := range h {
		for x := range w {
			// (x, y) → (h−1−y, x) in a h-wide image.
			out[x*h+(h-1-y)] = img[y*w+x]
		}
	}
	return out
}
