package engine

// The CSA's scalar functions and fixed-point conventions.
//
// V (and U, H, D) are kept in Q16 fixed point: vOne = 65536 is 1.0. The
// sigmoid σ(λ(V−c)) is read from a table indexed by (V−c) in steps of
// 1/sigSteps; powers V^e for exponents ≠ 1 from a table in steps of
// 1/powSteps. G, η and μ are float64 computed with basic operations only.

const (
	vShift   = 16
	vOne     = 1 << vShift
	sigSteps = 2048 // table resolution of V − c
	powSteps = 1024 // table resolution of V for exponents
)

// eta is the expansivity η(G) = 1 + χ·K·r^γ with r = max(0, (G−G⁻)/(1−G⁻)).
func eta(g, gFloor, gamma, chi float64, k int) float64 {
	if g <= gFloor {
		return 1
	}
	r := float64(g-gFloor) / float64(1-gFloor)
	if r > 1 {
		r = 1
	}
	return 1 + float64(float64(chi*float64(k))*detPow(r, gamma))
}

// sigTable returns σ(λ·d) for d = i/sigSteps − 1, i ∈ [0, 2·sigSteps].
func sigTable(lambda float64) []float64 {
	t := make([]float64, 2*sigSteps+1)
	for i := range t {
		d := float64(i-sigSteps) / sigSteps
		t[i] = detSigmoid(float64(lambda * d))
	}
	return t
}

// sigIndex maps V and c (both Q16) to the index of σ(λ(V−c)) in a sigTable.
func sigIndex(v, c int32) int {
	d := v - c // in [−vOne, vOne]
	// round to nearest step: vOne/sigSteps = 32 units per step.
	const unit = vOne / sigSteps
	if d >= 0 {
		return sigSteps + int((d+unit/2)/unit)
	}
	return sigSteps - int((-d+unit/2)/unit)
}

// mu is the relative win likelihood μ = 1 + (η−1)·σ.
func mu(etaV, sig float64) float64 { return 1 + float64((etaV-1)*sig) }

// powTable returns round(vOne · (i/powSteps)^e) for i ∈ [0, powSteps], or nil
// when e == 1.
func powTable(e float64) []int32 {
	if e == 1 {
		return nil
	}
	t := make([]int32, powSteps+1)
	for i := range t {
		t[i] = int32(detPow(float64(i)/powSteps, e)*vOne + 0.5)
	}
	return t
}

// applyPow raises a Q16 value to the exponent of table t (nil: exponent 1).
func applyPow(v int32, t []int32) int32 {
	if t == nil {
		return v
	}
	return t[(v*powSteps+vOne/2)>>vShift]
}

// fixed converts a float in [0, 1] to Q16.
func fixed(x float64) int32 { return int32(x*vOne + 0.5) }
