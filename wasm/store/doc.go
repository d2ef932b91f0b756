// Package store keeps what the page has stored besides the network's
// weights: one Item per learning trial (its label and where its image comes
// from, for thumbnails), the names of the symbols taught on the page, and
// the top-level codes of the most recent items, packed two bytes per
// competitive module, so the page can show the stored items whose codes
// overlap most with the current one.
//
// # Codes
//
// A code is packed by PackCode: the two bytes (big endian) at 2·(m·Q+q) are
// the winning cell of CM q of mac m (K ≤ 256), or 0xFFFF when the mac was
// silent (0xFFFE in a query). The macs of the top level's grids follow one
// another. Memory keeps the codes of the last Window items in a ring (older
// codes are dropped; taught symbols keep theirs for ever), so memory and
// the cost of Nearest are bounded whatever the number of items: Nearest
// compares four CMs per 64-bit word.
//
// # File format
//
// Marshal and Unmarshal read and write a memory file: the network snapshot
// (engine.Network.MarshalBinary) with its configuration's fingerprint
// (engine.Config.Fingerprint), plus the items, names and codes. All
// integers are big-endian:
//
//	magic "SPSM", version 3 (byte), 3 zero bytes
//	16 bytes: the fingerprint of the network's configuration (hex digits)
//	u32 length, network snapshot bytes
//	u32 next training record
//	u16 number of names; each: u8 label id, u8 length (1..32), UTF-8 bytes
//	u32 code length in bytes, u32 window
//	u32 number of items; each: u8 label, u8 kind (0 training record, 1 taught)
//	    kind 0: u32 record index
//	    kind 1: 98 bytes of 28×28 pixels (MSB first) then the code
//	u32 number of ring codes R (the codes of the last R items, oldest first),
//	    R × code length bytes
//	u32 CRC-32 (IEEE) of everything before it
//
// Unmarshal checks every field and the checksum and returns an error wrapping
// ErrFile for anything else; it never panics. It is given what the file
// must fit (Want: the page's network's fingerprint, code length and
// classes): a file of another network is refused (ErrOtherNetwork) before
// anything of it is decoded, and so is a file of versions 1 and 2, which
// did not record their network (ErrOldFile). Nothing a file declares is
// allocated before it is checked against the bytes present and against
// Want: the ring of codes is the page's own (its code length, a window of
// at most WindowFor), and a memory holds at most MaxItems items.
package store
