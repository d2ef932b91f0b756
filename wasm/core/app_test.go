package core

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sparsey-web/sparsey/engine"
	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// TestTrainJob: training runs in time slices of IdleBudget (BusyBudget
// while drawing), goes from loading to training to ready with monotonic
// progress, stores every digit with ink, and tells the sink once at the end.
func TestTrainJob(t *testing.T) {
	data := digits(t, 120, 1)
	c, s := newClock(time.Millisecond), &sink{}
	a := New(Options{Query: "train=100", Train: data, Sink: s, Now: c.now})
	if ph := a.Phase(); ph != "loading" {
		t.Fatalf("phase before Boot %q", ph)
	}
	a.Tick()
	if st := a.State(); st.Trained != 0 || st.Ticks != 1 {
		t.Fatalf("before Boot: trained %d ticks %d", st.Trained, st.Ticks)
	}
	a.Boot(nil, nil)
	var perTick []int
	last, prog := 0, 0.0
	for a.Phase() != "ready" {
		if ph := a.Phase(); ph != "training" {
			t.Fatalf("phase %q while training", ph)
		}
		if job := a.State().Job; job != "train" {
			t.Fatalf("job %q while training", job)
		}
		c.reads = 0
		a.Tick()
		st := a.State()
		perTick = append(perTick, st.Trained-last)
		last = st.Trained
		if st.Progress < prog || st.Progress > 1 {
			t.Fatalf("progress %v after %v", st.Progress, prog)
		}
		prog = st.Progress
		if len(perTick) > 200 {
			t.Fatal("training does not end")
		}
	}
	// Each learned digit reads the clock at least once against the budget,
	// so a tick of IdleBudget learns at most IdleBudget/step digits; and it
	// learns at least one.
	for i, n := range perTick {
		if n < 1 || n > int(IdleBudget/time.Millisecond) {
			t.Errorf("tick %d learned %d digits (budget %v at 1 ms a reading)", i, n, IdleBudget)
		}
	}
	st := a.State()
	if st.Trained != 100 || st.Items != 100 || st.Progress != 1 || st.Job != "" {
		t.Errorf("after the job: trained %d items %d progress %v job %q", st.Trained, st.Items, st.Progress, st.Job)
	}
	if s.memory != 1 {
		t.Errorf("MemoryChanged %d times, want once at the end of the job", s.memory)
	}
	if !strings.HasPrefix(a.JobText(), "Ready: 100 items") {
		t.Errorf("job text %q", a.JobText())
	}

	// More digits: a second job, progress from 0 again.
	a.Train(10)
	if a.Phase() != "training" || a.Progress() != 0 {
		t.Errorf("second job: phase %s progress %v", a.Phase(), a.Progress())
	}
	// While the visitor draws, a tick gets only BusyBudget.
	a.Pad().Begin(pad.Point{X: 0.5, Y: 0.5})
	before := a.State().Trained
	a.Tick()
	if n := a.State().Trained - before; n < 1 || n > int(BusyBudget/time.Millisecond) {
		t.Errorf("a tick while drawing learned %d digits, want 1..%d", n, BusyBudget/time.Millisecond)
	}
	for a.Phase() != "ready" {
		a.Tick()
	}
	if st := a.State(); st.Trained != 110 || s.memory != 2 {
		t.Errorf("after the second job: trained %d, MemoryChanged %d times", st.Trained, s.memory)
	}
	// Asking for more than there is ends at the end of the data.
	a.Train(1000)
	for i := 0; a.Phase() != "ready"; i++ {
		if i > 1000 {
			t.Fatal("training past the data does not end")
		}
		a.Tick()
	}
	if st := a.State(); st.Trained != data.Len() {
		t.Errorf("trained %d of %d digits", st.Trained, data.Len())
	}
}

// TestTrainEmptyImages: digits without ink are skipped, not learned.
func TestTrainEmptyImages(t *testing.T) {
	d, err := mnist.NewDataset(28, 28, make([]byte, 3*mnist.Pixels), []uint8{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	a := trained(t, "train=3", d, nil, newClock(time.Millisecond), nil)
	if st := a.State(); st.Trained != 3 || st.Items != 0 {
		t.Errorf("trained %d, items %d; want 3 records read, none stored", st.Trained, st.Items)
	}
}

// TestStreamedTraining: with a Download, training waits for the data,
// learns records as they arrive, and ends at a truncated end.
func TestStreamedTraining(t *testing.T) {
	var buf bytes.Buffer
	if err := mnist.EncodeSample(&buf, digits(t, 40, 2)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	started := make(chan bool, 2)
	d := NewDownload(func() { started <- true })
	a := New(Options{Query: "train=40", Train: d, Now: newClock(time.Millisecond).now})
	a.Boot(nil, nil)
	<-started
	a.Tick()
	if ph := a.Phase(); ph != "loading" || !strings.Contains(a.JobText(), "waiting for data") {
		t.Fatalf("without data: phase %q, %q", ph, a.JobText())
	}
	half := len(b) / 2
	if _, err := d.Write(b[:half]); err != nil {
		t.Fatal(err)
	}
	for range 50 {
		a.Tick()
	}
	got := a.State().Trained
	if got == 0 || got != d.Len() || got >= 40 || a.Phase() != "training" {
		t.Fatalf("after half the data: trained %d of %d received, phase %s", got, d.Len(), a.Phase())
	}
	// The download breaks off: training ends with what arrived.
	if err := d.Close(nil); err == nil {
		t.Fatal("a truncated download closed without error")
	}
	a.Tick()
	if a.Phase() != "ready" || a.State().Trained != got {
		t.Errorf("after a broken download: phase %s trained %d", a.Phase(), a.State().Trained)
	}
}

// TestTestJob: a test job in slices gives the accuracy that recalling each
// test digit directly gives.
func TestTestJob(t *testing.T) {
	train, test := digits(t, 300, 3), digits(t, 60, 4)
	c := newClock(time.Millisecond)
	a := trained(t, "train=300", train, test, c, nil)
	if st := a.State(); st.TestAccuracy != nil {
		t.Fatal("accuracy before any test")
	}
	a.Test(50)
	ticks := 0
	for a.State().Job == "test" {
		a.Tick()
		ticks++
		if ticks > 1000 {
			t.Fatal("the test does not end")
		}
	}
	if ticks < 2 {
		t.Errorf("50 test digits in %d tick(s): the budget does not slice the job", ticks)
	}
	st := a.State()
	if st.TestAccuracy == nil || st.TestDone != 50 {
		t.Fatalf("after the test: accuracy %v, done %d", st.TestAccuracy, st.TestDone)
	}
	right := 0
	for i := range 50 {
		_, in, err := a.enc.Image(test.Image(i), 28, 28)
		if err != nil {
			continue
		}
		if tr, _ := a.net.Recall(in); tr.Class == test.Label(i) {
			right++
		}
	}
	if want := float64(right) / 50; *st.TestAccuracy != want {
		t.Errorf("accuracy %v, recalled directly %v", *st.TestAccuracy, want)
	}
	if *st.TestAccuracy < 0.5 {
		t.Errorf("accuracy %v on the synthetic digits: the memory does not recall", *st.TestAccuracy)
	}
	if !strings.HasPrefix(st.Status, "Test: ") {
		t.Errorf("status %q", st.Status)
	}
	// More test digits than there are: the test ends at the data's end.
	a.Test(1000)
	for i := 0; a.State().Job == "test"; i++ {
		if i > 10000 {
			t.Fatal("a test past the data does not end")
		}
		a.Tick()
	}
	if st := a.State(); st.TestDone != test.Len() || st.TestAccuracy == nil {
		t.Errorf("test past the data: %d done, accuracy %v", st.TestDone, st.TestAccuracy)
	}
	// No test data at all.
	b := trained(t, "train=10", train, nil, c, nil)
	b.Test(5)
	b.Tick()
	if st := b.State(); st.TestAccuracy != nil || st.Job != "" || st.Status != "Test: no test digits available." {
		t.Errorf("test without data: accuracy %v job %q status %q", st.TestAccuracy, st.Job, st.Status)
	}
}

// TestRecall: a drawing is recalled when it changes; the state has the
// answer; clearing the pad clears it.
func TestRecall(t *testing.T) {
	s := &sink{}
	a := trained(t, "train=300", digits(t, 300, 5), nil, newClock(time.Millisecond), s)
	for _, c := range []int{0, 1, 7} {
		a.Clear()
		draw(t, a, shapes[c]...)
		st := a.State()
		if st.Label == nil || *st.Label != c || st.LabelName != strconv.Itoa(c) {
			t.Errorf("drawn %d recalled as %v %q (scores %.2f)", c, st.Label, st.LabelName, st.Scores)
		}
		if len(st.Scores) != MaxClasses || st.Familiarity <= 0 || st.Familiarity > 1 {
			t.Errorf("scores %d, familiarity %v", len(st.Scores), st.Familiarity)
		}
		if r := a.Recollection(); a.RecallText() == "Draw a digit." || r == nil || len(r.Others) == 0 || r.Input.Count() == 0 {
			t.Errorf("recall text %q, recollection %v", a.RecallText(), r)
		}
	}
	n := s.recalled
	a.Tick() // unchanged drawing: no recall
	if s.recalled != n {
		t.Error("recalled an unchanged drawing")
	}
	a.Undo()
	a.Frame(800, 600)
	a.Tick()
	if s.recalled != n+1 || a.State().Strokes != 1 {
		t.Errorf("after undo: %d recalls more, %d strokes", s.recalled-n, a.State().Strokes)
	}
	a.Clear()
	a.Frame(800, 600)
	a.Tick()
	if st := a.State(); st.Label != nil || st.Strokes != 0 || st.RecalledVersion != st.PadVersion || a.RecallText() != "Draw a digit." {
		t.Errorf("after clear: label %v strokes %d", st.Label, st.Strokes)
	}
	// Recall waits for a drawn frame: no recall between two frames.
	a.Pad().SetStrokes(shapes[1])
	a.Tick()
	if st := a.State(); st.RecalledVersion == st.PadVersion {
		t.Error("recalled before the drawing was shown")
	}
	if ms := a.State().RecallMs; ms == nil || *ms <= 0 {
		t.Errorf("recall time %v", ms)
	}
}

// TestTeach: a symbol taught by drawing it once is recalled from a second,
// different drawing of it; names, errors.
func TestTeach(t *testing.T) {
	s := &sink{}
	a := trained(t, "train=300", digits(t, 300, 6), nil, newClock(time.Millisecond), s)
	star := []pad.Stroke{line(0.2, 0.2, 0.8, 0.8), line(0.8, 0.2, 0.2, 0.8), line(0.5, 0.15, 0.5, 0.85)}
	if _, err := a.Learn("star"); err == nil || !strings.Contains(err.Error(), "draw something") {
		t.Errorf("teaching an empty pad: %v", err)
	}
	draw(t, a, star...)
	mem0, names0 := s.memory, s.names
	id, err := a.Learn(" star ")
	if err != nil || id != mnist.Classes {
		t.Fatalf("Learn = %d, %v", id, err)
	}
	if s.memory != mem0+1 || s.names != names0+1 {
		t.Errorf("teaching: MemoryChanged %d, NamesChanged %d", s.memory-mem0, s.names-names0)
	}
	if st := a.State(); st.Names["10"] != "star" || st.RecalledVersion == st.PadVersion {
		t.Errorf("names %v; recalled version %v of %v (want a recall pending)", st.Names, st.RecalledVersion, st.PadVersion)
	}
	a.Frame(800, 600)
	a.Tick()
	if st := a.State(); st.LabelName != "star" {
		t.Errorf("the taught drawing is recalled as %q", st.LabelName)
	}
	a.Clear()
	var second []pad.Stroke
	for _, st := range star {
		var o pad.Stroke
		for _, p := range st {
			o = append(o, pad.Point{X: 0.5 + 0.8*(p.X-0.5) + 0.05, Y: 0.5 + 0.8*(p.Y-0.5) - 0.04})
		}
		second = append(second, o)
	}
	draw(t, a, second...)
	if st := a.State(); st.LabelName != "star" || st.Label == nil || *st.Label != 10 {
		t.Errorf("a second drawing of the taught symbol is recalled as %v %q", st.Label, st.LabelName)
	}
	// The same name again (any case) is the same class; a digit is a digit.
	if id, err := a.Learn("STAR"); err != nil || id != 10 {
		t.Errorf("Learn(STAR) = %d, %v", id, err)
	}
	if id, err := a.Learn("7"); err != nil || id != 7 || a.Name(7) != "7" {
		t.Errorf("Learn(7) = %d, %v", id, err)
	}
	if got := a.Names(); len(got) != 1 || got[0] != "star" {
		t.Errorf("names %v", got)
	}
	for _, tc := range []struct{ label, err string }{
		{"", "give a digit"},
		{"   ", "give a digit"},
		{"seventeen chars!!", "at most 16"},
	} {
		if _, err := a.Learn(tc.label); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Learn(%q) = %v, want %q", tc.label, err, tc.err)
		}
	}
	// Room for MaxClasses − 10 names.
	for i := 1; i < MaxClasses-mnist.Classes; i++ {
		if _, err := a.Learn("sym" + string(rune('a'+i))); err != nil {
			t.Fatalf("name %d: %v", i, err)
		}
	}
	if _, err := a.Learn("one too many"); err == nil || !strings.Contains(err.Error(), "no room") {
		t.Errorf("name %d: %v", MaxClasses-mnist.Classes+1, err)
	}
	if got := len(a.Names()); got != MaxClasses-mnist.Classes {
		t.Errorf("%d names", got)
	}
}

// TestSaveLoad: a saved memory loads into another App with its items and
// names; a corrupt or foreign file is refused and the memory is kept as
// it was.
func TestSaveLoad(t *testing.T) {
	c := newClock(time.Millisecond)
	data := digits(t, 200, 7)
	a := trained(t, "train=150", data, nil, c, nil)
	draw(t, a, shapes[4]...)
	if _, err := a.Learn("four-ish"); err != nil {
		t.Fatal(err)
	}
	file, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}

	s := &sink{}
	b := trained(t, "train=20", data, nil, c, s)
	draw(t, b, shapes[4]...)
	before, beforeFile := b.State(), mustSave(t, b)
	bad := map[string][]byte{
		"flipped byte": flip(file, len(file)/2),
		"truncated":    file[:len(file)-9],
		"empty":        nil,
		"not a memory": []byte("hello, this is not a memory file at all"),
		"other network": func() []byte {
			o := trained(t, "train=5&q=4&k=8", data, nil, c, nil)
			return mustSave(t, o)
		}(),
		"other seed": func() []byte {
			o := trained(t, "train=5&seed=7", data, nil, c, nil)
			return mustSave(t, o)
		}(),
		"old version": func() []byte {
			old := bytes.Clone(file)
			old[4] = 2
			return old
		}(),
		"header names this network, another inside": func() []byte {
			o := mustSave(t, trained(t, "train=5&seed=7", data, nil, c, nil))
			copy(o[8:24], file[8:24])
			binary.BigEndian.PutUint32(o[len(o)-4:], crc32.ChecksumIEEE(o[:len(o)-4]))
			return o
		}(),
	}
	says := map[string]string{
		"other network": fmt.Sprintf("learned by another network than this page's (seed 1, q 4, k 8; this page: seed 1, q %d, k %d): open the page with ?seed=1&q=4&k=8 to use it",
			engine.MNISTConfig().Levels[0].Grids[0].Q, engine.MNISTConfig().Levels[0].Grids[0].K),
		"other seed":  "open the page with ?seed=7 to use it",
		"old version": "older version of this page",
		"header names this network, another inside": "not the one its header names",
		"flipped byte": "damaged",
	}
	for name, f := range bad {
		t.Run(name, func(t *testing.T) {
			s.memory = 0
			err := b.Load(f, "x.spsm")
			if err == nil {
				t.Fatal("a bad file loaded")
			}
			st := b.State()
			if st.Error == nil || !strings.Contains(*st.Error, "x.spsm") || !strings.Contains(*st.Error, "current memory is kept") ||
				!strings.Contains(*st.Error, says[name]) {
				t.Errorf("message %v, want it to say %q", *st.Error, says[name])
			}
			if st.Items != before.Items || st.Trained != before.Trained || len(st.Names) != len(before.Names) || s.memory != 0 {
				t.Errorf("after a bad file: items %d trained %d names %v (before %d %d %v); MemoryChanged %d",
					st.Items, st.Trained, st.Names, before.Items, before.Trained, before.Names, s.memory)
			}
			if got := mustSave(t, b); !bytes.Equal(got, beforeFile) {
				t.Error("the memory changed")
			}
		})
	}

	s.memory, s.names = 0, 0
	if err := b.Load(file, "good.spsm"); err != nil {
		t.Fatal(err)
	}
	st := b.State()
	if st.Error != nil || st.Items != 151 || st.Trained != 150 || st.Names["10"] != "four-ish" || s.memory != 1 || s.names != 1 {
		t.Errorf("after loading: error %v items %d trained %d names %v; events %d %d", st.Error, st.Items, st.Trained, st.Names, s.memory, s.names)
	}
	if !strings.HasPrefix(st.Status, "Loaded good.spsm: 151 items, 1 taught symbols") {
		t.Errorf("status %q", st.Status)
	}
	if got := mustSave(t, b); !bytes.Equal(got, file) {
		t.Error("saving the loaded memory gives other bytes")
	}
	// The loaded memory recalls what the saved one did.
	b.Clear()
	draw(t, b, shapes[4]...)
	a.Clear()
	draw(t, a, shapes[4]...)
	if x, y := a.State(), b.State(); x.LabelName != y.LabelName || x.Familiarity != y.Familiarity {
		t.Errorf("recall after loading: %q %v, before saving %q %v", y.LabelName, y.Familiarity, x.LabelName, x.Familiarity)
	}
}

func mustSave(t *testing.T, a *App) []byte {
	t.Helper()
	b, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x5a
	return c
}

// TestBoot: a memory kept in browser storage is restored at Boot, and
// training continues from where it stopped; a corrupt one is reported and
// ignored; unreadable storage is reported.
func TestBoot(t *testing.T) {
	c := newClock(time.Millisecond)
	data := digits(t, 100, 8)
	saved := mustSave(t, trained(t, "train=40", data, nil, c, nil))
	for _, tc := range []struct {
		name    string
		stored  []byte
		err     error
		trained int // after Boot
		status  string
		notice  string
	}{
		{"nothing stored", nil, nil, 0, "", ""},
		{"restored", saved, nil, 40, "Restored from browser storage: 40 items", ""},
		{"corrupt", flip(saved, 100), nil, 0, "", "could not be restored"},
		{"no storage", nil, errors.New("denied"), 0, "Browser storage is not available: denied", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := New(Options{Query: "train=60", Train: data, Now: c.now})
			a.Boot(tc.stored, tc.err)
			st := a.State()
			if st.Trained != tc.trained || !strings.HasPrefix(st.Status, tc.status) {
				t.Errorf("trained %d status %q", st.Trained, st.Status)
			}
			if (st.Error != nil) != (tc.notice != "") || st.Error != nil && !strings.Contains(*st.Error, tc.notice) {
				t.Errorf("error %v, want %q", st.Error, tc.notice)
			}
			for a.Phase() != "ready" {
				a.Tick()
			}
			if st := a.State(); st.Trained != 60 {
				t.Errorf("trained %d after the job, want 60", st.Trained)
			}
		})
	}
}

// TestBadAddress: an address with parts the page cannot use does not stop
// it: the message names each such parameter, the value it got, what it
// accepts and the default used, and the page learns and recalls on those
// defaults.
func TestBadAddress(t *testing.T) {
	c := newClock(time.Millisecond)
	data := digits(t, 40, 9)
	for _, tc := range []struct {
		query string
		want  []string
		check func(t *testing.T, a *App)
	}{
		{"train=20&q=100000&k=0", []string{"q=100000: want a whole number from 1 to 64", "k=0: want a whole number from 2 to 256"}, nil},
		// q = 32 fits with the default K of level 1, not with K = 256.
		{"train=20&q=32&k=256", []string{"k=256: no network can be built", "network too large"}, func(t *testing.T, a *App) {
			if q := a.Net().Config().Levels[0].Grids[0].Q; q != 32 || a.Params().K != 0 {
				t.Errorf("q %d, k %d: want q=32 kept and k dropped", q, a.Params().K)
			}
		}},
		{"train=lots&view=nope", []string{"train=lots: want a whole number ≥ 0; using the default, 10000 digits", "view=nope"}, func(t *testing.T, a *App) {
			if a.View() != "" || a.Params().Train != DefaultTrain {
				t.Errorf("view %q train %d", a.View(), a.Params().Train)
			}
		}},
		{"train=20&view=csa&level=9&grid=5&mac=900&cm=70", []string{"level=9: want a level from 1 to 3", "mac=900: want a mac of that grid, from -1 to 143", fmt.Sprintf("cm=70: want a CM of that grid's macs, from 0 to %d", engine.MNISTConfig().Levels[0].Grids[0].Q-1)}, func(t *testing.T, a *App) {
			if s := a.CSA(); s.Level != 1 || s.Grid != 0 || s.Mac != -1 || s.CM != 0 {
				t.Errorf("csa %d/%d mac %d cm %d", s.Level, s.Grid, s.Mac, s.CM)
			}
		}},
		{"train=20&view=csa&level=3&grid=2", []string{"grid=2: want a grid of level 3, from 0 to 0"}, nil},
	} {
		t.Run(tc.query, func(t *testing.T) {
			a := New(Options{Query: tc.query, Train: data, Test: data, Now: c.now})
			st := a.State()
			if st.Phase == "error" || st.AddressError == nil || st.Error == nil || *st.Error != *st.AddressError {
				t.Fatalf("phase %q error %v address %v", st.Phase, st.Error, st.AddressError)
			}
			for _, w := range tc.want {
				if !strings.Contains(*st.AddressError, w) {
					t.Errorf("message %q does not say %q", *st.AddressError, w)
				}
			}
			if tc.check != nil {
				tc.check(t, a)
			}
			a.Boot(nil, nil)
			for i := 0; a.Phase() != "ready"; i++ {
				if i > 1e5 || a.Phase() == "error" {
					t.Fatalf("phase %s: %s", a.Phase(), a.Error())
				}
				a.Tick()
			}
			draw(t, a, shapes[1]...)
			if st := a.State(); st.Label == nil || st.AddressError == nil {
				t.Errorf("no recall (label %v) or the message went (%v)", st.Label, st.AddressError)
			}
		})
	}
	a := New(Options{Query: "q=4&k=8"})
	if a.Phase() == "error" || a.AddressError() != "" {
		t.Fatalf("a valid small network: %v", a.Error())
	}
	a.Fail(errors.New("boom"))
	if a.Phase() != "error" || a.Error() != "boom" {
		t.Errorf("after Fail: %s %q", a.Phase(), a.Error())
	}
}

// TestNoNetwork: when the network cannot be built, the page stops with a
// message, and every call stays safe (no nil network is touched).
func TestNoNetwork(t *testing.T) {
	old := newNetwork
	newNetwork = func(engine.Config) (*engine.Network, error) { return nil, errors.New("no memory") }
	defer func() { newNetwork = old }()
	data := digits(t, 10, 9)
	for _, query := range []string{"", "view=csa", "view=map", "view=capacity", "view=sequence", "train=-1&view=nope"} {
		t.Run(query, func(t *testing.T) {
			a := New(Options{Query: query, Train: data, Test: data})
			a.Boot(nil, nil)
			a.Tick()
			st := a.State()
			if st.Phase != "error" || st.Error == nil || !strings.Contains(*st.Error, "no memory") {
				t.Fatalf("phase %q error %v", st.Phase, st.Error)
			}
			if img, changed := a.Frame(800, 600); img == nil || !changed {
				t.Error("no frame")
			}
			a.GridNames()
			a.Hover(100, 100, true)
			a.Click(100, 100)
			for _, k := range []string{"ArrowLeft", "PageUp", "Escape"} {
				a.FocusKey(k)
			}
			a.PinMac(1, 0, 0, true)
			a.MacRect(1, 0, 0)
			a.FocusText()
			for _, v := range append(ViewNames(), "") {
				a.SetView(v)
				for _, c := range a.Controls() {
					_ = a.UseControl(c.ID, "1")
				}
				a.Tick()
				a.Frame(800, 600)
			}
			for _, s := range allSettings() {
				_ = a.Set(s.Param, "1")
			}
			for _, cmd := range []string{"setView", "clear", "undo", "draw", "teach", "set", "control", "state", "link"} {
				if c, err := ParseCommand([]byte(`{"type":"sparsey","cmd":"` + cmd + `","name":"x","value":"1"}`)); err == nil {
					_, _ = a.Do(c)
				}
			}
			a.Link()
			if err := a.Relearn(); err == nil {
				t.Error("Relearn after a fatal error")
			}
			a.SetReadout("class-nodes")
			a.Train(5)
			a.Test(5)
			a.Recall()
			a.StartWalk()
			_ = a.LearnSequence()
			a.Tick()
			if _, err := a.Learn("3"); err == nil {
				t.Error("Learn after a fatal error")
			}
			if _, err := a.Save(); err == nil {
				t.Error("Save after a fatal error")
			}
			if err := a.Load([]byte("x"), "f"); err == nil {
				t.Error("Load after a fatal error")
			}
			num := Arg{Type: "number", Num: 1}
			if _, _, _, err := a.MacArgs("macRect", num, num, num, false); err == nil {
				t.Error("MacArgs after a fatal error")
			}
			if err := a.CSAArgs(num, Arg{}, Arg{}, Arg{}, Arg{}); err == nil {
				t.Error("CSAArgs after a fatal error")
			}
			if a.JobText() != "Stopped by an error." || a.State().Trained != 0 || a.Progress() != 0 {
				t.Errorf("job %q", a.JobText())
			}
		})
	}
}
