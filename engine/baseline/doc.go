// Package baseline provides plain 1-nearest-neighbour classifiers and an
// n-tuple memory that the evaluation command runs next to the Sparsey
// network, so every accuracy and familiarity figure has a reference point
// measured on exactly the same digits.
//
//   - L2: Euclidean distance on raw grey pixels. It stores the training
//     images pixel-major and computes argmin ‖y‖² − 2x·y in int32
//     arithmetic over the query's non-zero pixels only (about a fifth of
//     an MNIST digit), with the training norms ‖y‖² precomputed.
//   - Hamming: number of differing pixels between binary images, packed 64
//     to a uint64 and compared with a population count. Built from grey
//     images (binarised at 128, like mnist.Preprocess) or from
//     preprocessed mnist.Bitmaps.
//   - WiSARD: an n-tuple memory (one discriminator): input bits split by a
//     seeded permutation into tuples of n bits, each tuple a RAM of the
//     addresses seen; the familiarity of an input is the share of its
//     tuples whose address was stored, 1 for every stored item. Its memory
//     grows with every new address.
//
// Measured with the first 10,000 training digits on the first 1,000 test
// digits: L2 0.920, Hamming 0.899 (binarised pixels), 0.931 (thinned and
// dilated bitmaps); L2 with all 60,000 stored: 0.962. One query against
// 60,000 stored digits takes about 3 ms (L2) or 0.6 ms (Hamming) on one
// core.
//
// Both store every training item (memory grows with the training set, and
// so does query time: that is the contrast with Sparsey's fixed-time
// recall). Ties go to the earliest training item. Classifiers are safe for
// concurrent use once built (the WiSARD is not: Learn writes). The package
// uses only the standard library, engine and engine/mnist.
package baseline
