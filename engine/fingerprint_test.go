package engine

import (
	"reflect"
	"testing"
)

// The fingerprint of a fixed config is the same on every platform and in
// every run: the test runs natively and under GOOS=js GOARCH=wasm (make
// test-wasm) against the same value. It changes only when Config or the
// canonical encoding changes; then this value is updated with the change.
func TestFingerprintStable(t *testing.T) {
	const want = "41caef77c34f1428" // GridConfig gained CloseAfter, TieBreak, CellPeriods
	if got := testHierarchy().Fingerprint(); got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
	c := testHierarchy()
	if c.Fingerprint() != c.Defaults().Fingerprint() {
		t.Error("a config and its defaults have different fingerprints")
	}
	if a, b := c.Fingerprint(), testHierarchy().Fingerprint(); a != b {
		t.Errorf("two calls differ: %s, %s", a, b)
	}
}

// Changing any value of the defaulted config, at any depth, changes the
// fingerprint.
func TestFingerprintCoversEveryField(t *testing.T) {
	base := testHierarchy().Defaults()
	base.Levels[1].Grids[0].Fields[0].Region = Rect{X: 1, Y: 1, W: 5, H: 5}
	fp := base.Fingerprint()
	var paths []string
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
			return
		case reflect.Slice:
			for i := range v.Len() {
				walk(path+"["+string(rune('0'+i))+"]", v.Index(i))
			}
			return
		}
		paths = append(paths, path)
		old := reflect.ValueOf(v.Interface())
		switch v.Kind() {
		case reflect.Int, reflect.Int64:
			v.SetInt(v.Int() + 1)
		case reflect.Uint64:
			v.SetUint(v.Uint() + 1)
		case reflect.Float64:
			v.SetFloat(v.Float()*1.5 + 0.001)
		case reflect.Bool:
			v.SetBool(!v.Bool())
		case reflect.String:
			v.SetString(v.String() + "x")
		default:
			t.Fatalf("%s: kind %s not handled by the test", path, v.Kind())
		}
		if base.Fingerprint() == fp {
			t.Errorf("changing %s does not change the fingerprint", path)
		}
		v.Set(old)
		if base.Fingerprint() != fp {
			t.Fatalf("%s: restoring the value does not restore the fingerprint", path)
		}
	}
	walk("Config", reflect.ValueOf(&base).Elem())
	if len(paths) < 50 {
		t.Fatalf("only %d values walked", len(paths))
	}
	// Lengths count too: one more level, grid, field or readout level.
	more := base
	more.ReadoutLevels = append(append([]int(nil), base.ReadoutLevels...), 0)
	if more.Fingerprint() == fp {
		t.Error("a longer ReadoutLevels has the same fingerprint")
	}
	t.Logf("%d values, fingerprint %s", len(paths), fp)
}
