package main

import (
	"math"
	"math/rand/v2"
)

// Varied copies of stored digits, for episodic_auroc_varied and
// episodic_self_varied: the stored digit's raw grey image with a small
// seeded change of shape applied before the one preprocessing path, as a
// person's second drawing of the same thing differs from the first.
//
// Preprocessing crops to the ink's box, scales its larger side to 20
// pixels keeping the aspect ratio and centres the ink's mass, so a shift
// and a uniform scale of the raw image are undone. The change is what it
// does not undo:
//
//   - a rotation by θ, uniform in ±maxRotation;
//   - a scale of each axis by its own factor, uniform in 1 ± maxScale
//     (the aspect ratio changes by up to about ±20%);
//   - an elastic jitter: a smooth displacement field of at most maxJitter
//     pixels (a random vector of length ≤ maxJitter at each node of a 5×5
//     grid over the image, interpolated bilinearly, which keeps every
//     displacement within maxJitter).
//
// The image is resampled bilinearly at the displaced positions.
const (
	maxRotation = 6 * math.Pi / 180
	maxScale    = 0.10
	maxJitter   = 1.0
	jitterNodes = 5
)

// vary returns the w×h grey image img changed by the shape change drawn
// from rng.
func vary(img []byte, w, h int, rng *rand.Rand) []byte {
	theta := (2*rng.Float64() - 1) * maxRotation
	sx := 1 + (2*rng.Float64()-1)*maxScale
	sy := 1 + (2*rng.Float64()-1)*maxScale
	var dx, dy [jitterNodes * jitterNodes]float64
	for i := range dx {
		a, r := 2*math.Pi*rng.Float64(), maxJitter*rng.Float64()
		dx[i], dy[i] = r*math.Cos(a), r*math.Sin(a)
	}
	field := func(x, y float64) (float64, float64) {
		// (x, y) in pixels → node coordinates in [0, jitterNodes−1].
		gx := min(max(x/float64(w)*(jitterNodes-1), 0), jitterNodes-1)
		gy := min(max(y/float64(h)*(jitterNodes-1), 0), jitterNodes-1)
		ix, iy := min(int(gx), jitterNodes-2), min(int(gy), jitterNodes-2)
		fx, fy := gx-float64(ix), gy-float64(iy)
		at := func(v *[jitterNodes * jitterNodes]float64) float64 {
			i := iy*jitterNodes + ix
			return (1-fy)*((1-fx)*v[i]+fx*v[i+1]) + fy*((1-fx)*v[i+jitterNodes]+fx*v[i+jitterNodes+1])
		}
		return at(&dx), at(&dy)
	}
	cos, sin := math.Cos(theta), math.Sin(theta)
	cx, cy := float64(w)/2, float64(h)/2
	out := make([]byte, len(img))
	for y := range h {
		for x := range w {
			// The output pixel's centre, minus the jitter, mapped back
			// through the scale and the rotation to the source.
			px, py := float64(x)+0.5, float64(y)+0.5
			jx, jy := field(px, py)
			ux, uy := (px-jx-cx)/sx, (py-jy-cy)/sy
			srcX := cos*ux + sin*uy + cx - 0.5
			srcY := -sin*ux + cos*uy + cy - 0.5
			out[y*w+x] = bilinear(img, w, h, srcX, srcY)
		}
	}
	return out
}

// bilinear samples img at (x, y) in pixel-index coordinates; outside the
// image is blank.
func bilinear(img []byte, w, h int, x, y float64) byte {
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0
		}
		return float64(img[y*w+x])
	}
	ix, iy := int(x0), int(y0)
	v := (1-fy)*((1-fx)*at(ix, iy)+fx*at(ix+1, iy)) + fy*((1-fx)*at(ix, iy+1)+fx*at(ix+1, iy+1))
	return byte(math.Round(min(max(v, 0), 255)))
}
