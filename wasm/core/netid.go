package core

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/sparsey-web/sparsey/engine"
)

// NetworkID identifies a network by its configuration with the defaults
// filled in: the first 16 hex digits of the SHA-256 of its JSON. Two
// networks with the same ID learn and recall alike; a memory, a served
// memory file or a measured rule is used only by the network it was made
// on.
func NetworkID(cfg engine.Config) string {
	b, err := json.Marshal(cfg.Defaults())
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
