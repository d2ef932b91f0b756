package core

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the generated tables of web/README.md")

// The tables of web/README.md made from the table of views (Views), the
// page's settings and the host commands (CommandDoc): TestDocs checks that
// they are what these make, and -update-docs writes them.

// viewsTable is the markdown table of the views.
func viewsTable(t *testing.T) string {
	t.Helper()
	a := New(Options{Query: "train=0"})
	var b strings.Builder
	b.WriteString("| `view=` | menu | shows | settings in the address | controls | `state()` fields |\n|---|---|---|---|---|---|\n")
	for _, v := range Views {
		name := "(none)"
		if v.Name != "" {
			name = "`" + v.Name + "`"
		}
		var set, ctl, fields []string
		for _, s := range v.Settings {
			set = append(set, fmt.Sprintf("`%s` (%s)", s.Param, s.Doc))
		}
		for _, c := range v.Controls {
			ctl = append(ctl, fmt.Sprintf("%s (`%s`)", c.Label, c.ID))
		}
		if vw := a.view(v.Name); vw != nil {
			for _, k := range jsonFields(reflect.TypeOf(vw.State())) {
				fields = append(fields, "`"+k+"`")
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", name, v.Title, v.Doc, orDash(set), orDash(ctl), orDash(fields))
	}
	return b.String()
}

// jsonFields are the JSON names of a struct type's fields, embedded
// structs' included, sorted.
func jsonFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "":
			out = append(out, jsonFields(f.Type)...)
		case name != "":
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func orDash(s []string) string {
	if len(s) == 0 {
		return "–"
	}
	return strings.Join(s, ", ")
}

// settingsTable lists the page's own settings (besides the views').
func settingsTable() string {
	var b strings.Builder
	b.WriteString("| parameter | holds |\n|---|---|\n")
	for _, s := range pageSettings {
		fmt.Fprintf(&b, "| `%s` | %s |\n", s.Param, s.Doc)
	}
	return b.String()
}

// commandsTable lists the host commands.
func commandsTable() string {
	var b strings.Builder
	b.WriteString("| `cmd` | with | does |\n|---|---|---|\n")
	for _, c := range CommandDoc {
		with := "–"
		if c.Args != "" {
			with = "`" + strings.ReplaceAll(c.Args, ", ", "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Cmd, with, c.Does)
	}
	return b.String()
}

// TestDocs: web/README.md's tables of views, settings and commands are
// made from the tables in the code, and README.md names every view and
// command.
func TestDocs(t *testing.T) {
	const path = "../../web/README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, block := range []struct{ name, want string }{
		{"views", viewsTable(t)}, {"settings", settingsTable()}, {"commands", commandsTable()},
	} {
		begin := fmt.Sprintf("<!-- %s: made by go test ./wasm/core -run TestDocs -update-docs -->\n", block.name)
		end := fmt.Sprintf("<!-- end of %s -->", block.name)
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Errorf("web/README.md has no %q … %q block", begin, end)
			continue
		}
		got := doc[i+len(begin) : j]
		if got != block.want {
			if *updateDocs {
				doc = doc[:i+len(begin)] + block.want + doc[j:]
				continue
			}
			t.Errorf("web/README.md's %s table is not the code's (go test ./wasm/core -run TestDocs -update-docs):\n%s", block.name, block.want)
		}
	}
	if *updateDocs {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range ViewNames() {
		if !strings.Contains(string(readme), "view="+v) {
			t.Errorf("README.md does not name the view %s (view=%s)", v, v)
		}
	}
	for _, c := range CommandDoc {
		if !strings.Contains(string(readme), "`"+c.Cmd+"`") {
			t.Errorf("README.md does not name the command %s", c.Cmd)
		}
	}
}
