package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sparsey-web/sparsey/wasm/core"
)

// TestMemory: the memory learned here is the one the page learns: loaded
// into a page of the default scene it is used (state().memory "served"),
// holds the digits learned, and recalls a training digit as stored
// ("seen before").
func TestMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("learns MNIST digits (-short)")
	}
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"-out", dir, "-train", "300"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	t.Log(strings.TrimSpace(out.String()))
	b, err := os.ReadFile(filepath.Join(dir, Name))
	if err != nil {
		t.Fatal(err)
	}
	page := core.New(core.Options{Query: "train=300"})
	page.Serve(b, nil)
	page.Boot(nil, nil)
	if st := page.State(); st.Memory != "served" || st.Trained != 300 || st.Items < 290 || st.Phase != "ready" {
		t.Fatalf("the page did not start from it: memory %q, trained %d, items %d, phase %s (%s)", st.Memory, st.Trained, st.Items, st.Phase, st.Status)
	}
	// Another scene does not use it.
	for _, q := range []string{"train=300&seed=2", "train=200"} {
		other := core.New(core.Options{Query: q})
		other.Serve(b, nil)
		other.Boot(nil, nil)
		if st := other.State(); st.Memory != "new" || st.Items != 0 {
			t.Errorf("%s: memory %q with %d items (%s)", q, st.Memory, st.Items, st.Status)
		}
	}
	if code := run([]string{"-train", "-1", "-out", dir}, &out, &errOut); code != 2 {
		t.Errorf("bad flags: exit %d", code)
	}
}
