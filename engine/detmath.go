package engine

import "math"

// Deterministic elementary functions. math.Exp and math.Log have assembly or
// FMA-dependent implementations that differ in the last bits between amd64
// and wasm; these use only IEEE +, −, ×, ÷ (each rounded, no fusion on
// either target) and exact scaling, so they give identical bits everywhere.
// They build the CSA's tables; nothing on the winner path calls math.Exp.

const (
	ln2Hi = 6.93147180369123816490e-01 // high bits of ln 2
	ln2Lo = 1.90821492927058770002e-10 // ln 2 − ln2Hi
)

// detExp returns e^x for |x| ≤ 700 (clamped beyond).
func detExp(x float64) float64 {
	if x > 700 {
		x = 700
	}
	if x < -700 {
		return 0
	}
	k := math.Floor(x/math.Ln2 + 0.5)
	r := float64(x - float64(k*ln2Hi))
	r = float64(r - float64(k*ln2Lo))
	// Taylor series of e^r, |r| ≤ 0.35: 18 terms reach full precision.
	sum, term := 1.0, 1.0
	for i := 1; i <= 18; i++ {
		term = float64(term*r) / float64(i)
		sum = float64(sum + term)
	}
	return math.Ldexp(sum, int(k))
}

// detLog returns ln x for x > 0 (−Inf for 0).
func detLog(x float64) float64 {
	if x <= 0 {
		return math.Inf(-1)
	}
	m, e := math.Frexp(x) // x = m·2^e, m ∈ [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// ln m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.172.
	s := float64(m-1) / float64(m+1)
	s2 := float64(s * s)
	sum, term := 0.0, s
	for i := 1; i <= 41; i += 2 {
		sum = float64(sum + float64(term/float64(i)))
		term = float64(term * s2)
	}
	return float64(2*sum) + float64(float64(e)*ln2Hi) + float64(float64(e)*ln2Lo)
}

// detPow returns x^y for x ≥ 0.
func detPow(x, y float64) float64 {
	if x == 0 {
		if y == 0 {
			return 1
		}
		return 0
	}
	if y == math.Trunc(y) && y > 0 && y <= 64 {
		r := 1.0
		for i := 0; i < int(y); i++ {
			r = float64(r * x)
		}
		return r
	}
	return detExp(float64(y * detLog(x)))
}

// detSigmoid returns 1/(1+e^(−x)).
func detSigmoid(x float64) float64 { return 1 / float64(1+detExp(-x)) }
