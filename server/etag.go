package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sync"
	"time"
)

// etagCache remembers a strong ETag (a SHA-256 prefix of the bytes) per
// served file. An entry is recomputed when the file's size or modification
// time changes, so files edited under -dir get a new tag. Each encoded copy
// is a file of its own and so has its own tag.
type etagCache struct {
	mu sync.Mutex
	m  map[string]etagEntry
}

type etagEntry struct {
	size int64
	mod  time.Time
	tag  string
}

func newETagCache() *etagCache { return &etagCache{m: map[string]etagEntry{}} }

// get returns the ETag of the file name, whose content is f, and leaves f at
// offset 0.
func (c *etagCache) get(name string, size int64, mod time.Time, f io.ReadSeeker) (string, error) {
	c.mu.Lock()
	e, ok := c.m[name]
	c.mu.Unlock()
	if ok && e.size == size && e.mod.Equal(mod) {
		return e.tag, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag := `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
	c.mu.Lock()
	c.m[name] = etagEntry{size: size, mod: mod, tag: tag}
	c.mu.Unlock()
	return tag, nil
}
