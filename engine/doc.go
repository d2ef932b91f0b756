// Package engine implements Rod Rinkus's Sparsey model: a hierarchy of
// macrocolumns (macs) that store inputs as sparse distributed codes in one
// trial, with binary Hebbian weights, and recall the best-matching stored code
// in time that does not grow with the number of items stored. One set of
// weights holds both memories of the model: episodic (each stored item
// reactivates its own code, and the top level's familiarity G tells stored
// items from unseen ones) and semantic (similar inputs get similar codes,
// so unseen items are classified).
//
// A mac is Q competitive modules (CMs) of K binary cells; its code is one
// winner per CM. A level is one or more grids of macs: the grids of level 1
// read the input (for MNIST, the skeleton and two maps of stroke
// orientation), the grids of each higher level read the codes of the grids
// of the level below through their fields (Field), so the top level sees
// the whole input. Each frame, every mac whose bottom-up receptive field
// holds a number of active inputs inside its π band runs the Code Selection
// Algorithm (CSA): raw U (bottom-up), H (horizontal, previous frame) and D
// (top-down, previous frame) input sums per cell, normalised by the number
// of active afferents of each type (a type with none is omitted), combined
// into the local match V, the familiarity G (the mean over CMs of the best
// V), the expansivity η(G), the win likelihoods μ = 1 + (η−1)·σ(λ(V−c)) and
// the win probabilities ρ from which one winner per CM is drawn. Familiar
// inputs (G near 1) reactivate their stored code; novel inputs (G ≤ G⁻) get
// a near-random code; in between, similar inputs get similar codes.
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
// mac fills (CenterMax). The readout (naive Bayes, counting or the binary
// class-node field, all from one table of counts, any of them at recall
// with Classify) maps codes to class scores in fixed time; the scores are
// calibrated by a temperature fitted on the labelled stream (calib.go).
// Reconstruct runs the generative direction from a level's codes back to
// pixels.
//
// Where this implementation chooses between the variants of the sources,
// or departs from them (docs/MODEL.md), the choice is documented on the
// field that controls it and measured in BENCHMARKS.md:
//
//   - ties in V are broken by a rule per grid (TieBreak): the most specific
//     cell (fewest weights), the cell chosen first earliest, or a seeded
//     rank; a familiar input takes its max-V code while learning
//     (MaxVAtG), and a CM holding a fully matching cell keeps it
//     (DrawFullMatch);
//   - critical periods (progressive, as in the paper, but per cell):
//     with CellPeriods a cell learns from the frame it is first chosen
//     until the next cell of its CM is, a learning draw is over the cells
//     that may still learn, and a CM closes once all its cells have been
//     chosen; with ties to the oldest cell, no learning can change the
//     code an input stored earlier recalls (GridConfig.CellPeriods has the
//     argument). The default MNIST network's levels 1 and 2 use them, so
//     every stored item gives the top level the input it was stored with,
//     whatever its age. A mac can also close once a fraction of its
//     weights is set (FreezeMac), a grid once the network has learned a
//     number of items (CloseAfter), a weight bundle once it reaches a
//     fraction of the mac's cells (FreezeBundle);
//   - a level may have several grids (GridConfig), each reading its own
//     part of the input or of the level below (Field);
//   - per-level parameters: the default MNIST network's top level has
//     G⁻ = 0.9 instead of 0.1, so that an input less than 90% familiar gets
//     a fresh, nearly random code and items spread over the top's 512
//     cells per CM instead of piling on the cells of their look-alikes:
//     the top stores episodes, the levels below hold the shared parts; no
//     level above the first has bundle freezing, which stops an upper
//     level from storing items;
//   - each mac draws from its own random stream, keyed by the seed, the
//     mac and the frame (a change in one grid shifts no other's draws);
//   - class scores are calibrated with a temperature (the sources' readouts
//     give argmax classes only).
//
// Two implementation devices change no result: the U sums of code-reading
// macs are added with bit-sliced counters over weights stored per afferent
// cell (cols.go), and a frozen level-1 mac remembers the codes of the
// patterns it has seen (memo.go).
//
// A network is saved whole with MarshalBinary (a versioned, checksummed
// snapshot) and read back with Load; LoadPaced does the same in pieces,
// calling back between them, for a browser page that must keep answering
// while it decodes tens of megabytes.
//
// The package is pure: it imports only the standard library (no I/O) and
// github.com/bits-and-blooms/bitset.
//
// Networks are not safe for concurrent use; Recall does not change any
// weight or the sequence context, so it can be repeated freely.
package engine
