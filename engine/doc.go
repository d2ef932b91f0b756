// Package engine implements Rod Rinkus's Sparsey model: a hierarchy of
// macrocolumns (macs) that store inputs as sparse distributed codes in one
// trial, with binary Hebbian weights, and recall the best-matching stored code
// in time that does not grow with the number of items stored.
//
// A mac is Q competitive modules (CMs) of K binary cells; its code is one
// winner per CM. Each frame, every mac whose bottom-up receptive field holds a
// number of active inputs inside its π band runs the Code Selection Algorithm
// (CSA): raw U (bottom-up), H (horizontal, previous frame) and D (top-down,
// previous frame) input sums per cell, normalised by the number of active
// afferents of each type (a type with none is omitted), combined into the
// local match V, the familiarity G (the mean over CMs of the best V), the
// expansivity η(G), the win likelihoods μ = 1 + (η−1)·σ(λ(V−c)) and the win
// probabilities ρ from which one winner per CM is drawn. Familiar inputs
// (G near 1) reactivate their stored code; novel inputs (G ≤ G⁻) get a
// near-random code; in between, similar inputs get similar codes.
//
// Everything on the winner-selection path is computed with integers, fixed
// point and tables built by this package's own deterministic arithmetic, so
// that the same seed gives the same codes natively and under
// GOOS=js GOARCH=wasm (math.Exp differs between the two).
//
// The package is pure: it imports only the standard library (no I/O) and
// github.com/bits-and-blooms/bitset. See ../shared/SPARSEY.md for the model
// and its sources, and the README for the results measured with it.
package engine
