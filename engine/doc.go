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
// Learning is single trial and binary: every active afferent (U at frame t,
// H and D at t−1) gets weight 1 onto every winner. Critical periods stop a
// weight bundle (FreezeBundle) or a whole mac (FreezeMac) from learning once
// enough of its weights are set; the sigmoid centre c can ratchet up as a
// mac fills (CenterMax). The readout (naive Bayes, counting or binary
// class-node field) maps codes to class scores in fixed time, and
// Reconstruct runs the generative direction from a code back to pixels.
//
// Where this implementation chooses between the variants of the sources,
// or departs from them, the choice is documented on the Config field that
// controls it: ties in V go to the most specific cell (MaxV choice), a
// familiar input takes its max-V code while learning (MaxVAtG), and levels
// may read the input directly to give the readout several scales
// (FromInput, Region).
//
// The package is pure: it imports only the standard library (no I/O) and
// github.com/bits-and-blooms/bitset.
//
// Networks are not safe for concurrent use; Recall does not change any
// weight or the sequence context, so it can be repeated freely.
package engine
