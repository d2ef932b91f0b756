// Package mnist reads MNIST-style digit data and turns any grey digit image
// into the 28×28 binary image the network sees.
//
// It has three parts, all usable in the browser (GOOS=js GOARCH=wasm): the
// package uses only the standard library, and Open is its only function
// that touches the file system.
//
// # IDX files and datasets
//
// DecodeIDX decodes the IDX format of the original MNIST files (plain or
// gzip-compressed, unsigned bytes, one to four dimensions) with size limits
// checked before any allocation. LoadImagesLabels and Open build a Dataset:
// N grey images of W×H bytes, row-major, 0 = background and 255 = ink,
// with labels 0..9. Subset, Split and PerClass select parts of it.
//
// # Preprocessing
//
// Preprocess is the one path from a grey image to a Bitmap: optionally
// deskew (shear the ink upright by its second moments), binarise at 128,
// fit the ink's bounding box to 20×20 keeping its aspect ratio, centre the
// ink's centre of mass at (14, 14) of a 28×28 image, and optionally thin to
// a skeleton and dilate. DefaultOptions (deskew and thin) are those of the
// default networks, and Input uses them. MNIST digits and digits drawn on the page both go
// through it, so a drawn digit is normalised exactly like an MNIST digit.
// On MNIST itself it changes little: about 10 of the ~104 ink pixels of a
// digit differ from the plain binarised image (measured on the first 1,000
// training digits). Thinned, a training digit has 33.4 ink pixels on
// average.
//
// # Sample data for the page
//
// The page learns MNIST in the browser from compact sample files written by
// EncodeSample (tools/mksample writes mnist-train.bin and mnist-test.bin):
// every digit at one bit per pixel, binarised at DefaultThreshold (128),
// the same threshold Preprocess uses, so Preprocess of a decoded sample
// digit equals Preprocess of the original grey digit. Deskewing reads the
// grey levels, so tools/mksample stores each digit Upright (deskewed, then
// binarised): Preprocess with DefaultOptions of the stored digit equals
// that of the grey original (checked on all 70,000 MNIST digits).
//
// The format, all integers big-endian:
//
//	offset size  field
//	0      4     magic "SPMN" (0x53 0x50 0x4d 0x4e)
//	4      1     version, 1
//	5      1     width W in pixels, 1..255 (28 for MNIST)
//	6      1     height H in pixels, 1..255 (28 for MNIST)
//	7      1     flags, 0 (no flags are defined; others are rejected)
//	8      4     count N of records, uint32
//	12     4     reserved, zero
//	16     N×R   records, R = 1 + ceil(W·H/8) bytes each (99 for 28×28)
//
// A record is one label byte (0..9) followed by ceil(W·H/8) pixel bytes:
// the W·H pixels row-major (pixel (x, y) is bit number y·W+x), eight to a
// byte, most significant bit first; a set bit is ink (grey ≥ 128). Unused
// bits of the last byte are zero. The file ends right after the last
// record: a file of 28×28 digits is exactly 16 + 99·N bytes.
//
// Because records have a fixed size, a reader can decode every digit as
// soon as its bytes arrive; SampleDecoder does that for data fed to it in
// arbitrary chunks, rejecting a bad magic, version, size, flags, reserved
// bytes, label or padding, and data beyond N records (Close reports
// missing records). The files are served compressed (gzip or brotli).
package mnist
