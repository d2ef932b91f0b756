package pen

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/sparsey-web/sparsey/engine/mnist"
	"github.com/sparsey-web/sparsey/wasm/pad"
)

// Errors returned by the package.
var (
	ErrSize  = errors.New("pen: grid size does not match its pixel count")
	ErrEmpty = errors.New("pen: nothing to draw")
	ErrRect  = errors.New("pen: pad rectangle is empty")
)

// MaxTurn is the largest change of direction, in radians, with which a
// stroke goes on through a junction of the skeleton; at a sharper turn
// the strokes meeting there end at it.
const MaxTurn = math.Pi / 3

// dirLen is how far along a branch, in pixels, its direction at a node is
// measured.
const dirLen = 3.0

// Trace turns a one-pixel-wide skeleton, a w×h grid (row-major, true =
// ink) such as a thinned mnist.Bitmap, into the strokes a writer would
// draw, in pad coordinates: pixel (x, y) is the point ((x+0.5)/w,
// (y+0.5)/h).
//
// The skeleton is read as a graph of pixels. Two ink pixels are linked
// when they are 4-neighbours, or diagonal neighbours without an ink
// pixel that is a 4-neighbour of both (m-adjacency, so a corner of three
// pixels is a path, not a triangle). Pixels with other than two links are
// nodes: ends (one link), dots (none) and junctions (three or more;
// adjacent junction pixels form one junction at their mean position). The
// chains of two-link pixels between nodes are branches; a closed chain
// without a node is a loop.
//
// At each junction the branches are paired by good continuation: the
// straightest pair first, as long as it turns by at most MaxTurn, so a
// stroke crosses the middle of an 8 or a 4 and a 6's tail runs into its
// loop. Branches joined through their pairs make the strokes. An open
// stroke starts at the end a writer starts from: the top one, or the left
// one of a nearly horizontal stroke (the smaller y + x/2). A closed stroke
// starts at its top-most point and runs counter-clockwise as seen on the
// screen, as most people draw a 0. Strokes are ordered by their start,
// top-left first.
//
// It returns ErrSize if len(ink) != w*h or a side is not positive, and
// ErrEmpty if there is no ink.
func Trace(ink []bool, w, h int) ([]pad.Stroke, error) {
	if w <= 0 || h <= 0 || len(ink) != w*h {
		return nil, fmt.Errorf("%w: %d pixels for %d×%d", ErrSize, len(ink), w, h)
	}
	g := newGraph(ink, w, h)
	if len(g.pix) == 0 {
		return nil, ErrEmpty
	}
	edges := g.branches()
	nodes := g.nodePositions()
	strokes := join(edges, nodes)
	out := make([]pad.Stroke, len(strokes))
	for i, s := range strokes {
		st := make(pad.Stroke, len(s))
		for j, p := range s {
			st[j] = pad.Point{X: p.X / float64(w), Y: p.Y / float64(h)}
		}
		out[i] = st
	}
	order(out)
	return out, nil
}

// TraceBitmap is Trace of a bitmap's ink, normally a thinned one
// (mnist.Preprocess with Thin).
func TraceBitmap(b mnist.Bitmap) ([]pad.Stroke, error) {
	ink := make([]bool, mnist.Pixels)
	for _, i := range b.Indices() {
		ink[i] = true
	}
	return Trace(ink, mnist.Side, mnist.Side)
}

// graph is a skeleton as a graph of pixels under m-adjacency.
type graph struct {
	w, h  int
	ink   []bool
	pix   []int   // ink pixels, ascending
	links [][]int // links[p]: m-adjacent ink pixels of pixel p
	node  []int   // node id of a node pixel, -1 for two-link pixels
	nodes [][]int // pixels of each node
}

func newGraph(ink []bool, w, h int) *graph {
	g := &graph{w: w, h: h, ink: ink, links: make([][]int, w*h), node: make([]int, w*h)}
	for p, on := range ink {
		g.node[p] = -1
		if !on {
			continue
		}
		g.pix = append(g.pix, p)
		x, y := p%w, p/w
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if dx == 0 && dy == 0 || !g.at(x+dx, y+dy) {
					continue
				}
				if dx != 0 && dy != 0 && (g.at(x+dx, y) || g.at(x, y+dy)) {
					continue // the diagonal is also a path through a 4-neighbour
				}
				g.links[p] = append(g.links[p], (y+dy)*w+x+dx)
			}
		}
	}
	// Nodes: ends and dots alone; adjacent junction pixels together.
	for _, p := range g.pix {
		if len(g.links[p]) == 2 || g.node[p] >= 0 {
			continue
		}
		id := len(g.nodes)
		members := []int{p}
		g.node[p] = id
		if len(g.links[p]) > 2 {
			for i := 0; i < len(members); i++ {
				for _, q := range g.links[members[i]] {
					if len(g.links[q]) > 2 && g.node[q] < 0 {
						g.node[q] = id
						members = append(members, q)
					}
				}
			}
		}
		g.nodes = append(g.nodes, members)
	}
	return g
}

func (g *graph) at(x, y int) bool {
	return x >= 0 && y >= 0 && x < g.w && y < g.h && g.ink[y*g.w+x]
}

// centre is the centre of pixel p in pixel units.
func (g *graph) centre(p int) pad.Point {
	return pad.Point{X: float64(p%g.w) + 0.5, Y: float64(p/g.w) + 0.5}
}

// nodePositions returns each node's mean pixel centre.
func (g *graph) nodePositions() []pad.Point {
	out := make([]pad.Point, len(g.nodes))
	for i, members := range g.nodes {
		var c pad.Point
		for _, p := range members {
			q := g.centre(p)
			c.X += q.X
			c.Y += q.Y
		}
		n := float64(len(members))
		out[i] = pad.Point{X: c.X / n, Y: c.Y / n}
	}
	return out
}

// edge is a branch: a chain of pixel centres between two nodes (from, to;
// -1 for both on a loop without nodes), node positions not included.
type edge struct {
	from, to int
	pts      []pad.Point
}

// branches walks every chain of two-link pixels once: from each node along
// each of its links, then the loops that touch no node.
func (g *graph) branches() []edge {
	var out []edge
	used := make(map[[2]int]bool) // links walked, as (smaller, larger) pixel pairs
	key := func(a, b int) [2]int { return [2]int{min(a, b), max(a, b)} }
	for id, members := range g.nodes {
		if len(members) == 1 && len(g.links[members[0]]) == 0 {
			out = append(out, edge{from: id, to: id}) // a dot
			continue
		}
		for _, p := range members {
			for _, q := range g.links[p] {
				if g.node[q] == id || used[key(p, q)] {
					continue
				}
				used[key(p, q)] = true
				e := edge{from: id}
				prev, cur := p, q
				for g.node[cur] < 0 {
					e.pts = append(e.pts, g.centre(cur))
					next := g.links[cur][0]
					if next == prev {
						next = g.links[cur][1]
					}
					used[key(cur, next)] = true
					prev, cur = cur, next
				}
				e.to = g.node[cur]
				out = append(out, e)
			}
		}
	}
	// Loops: two-link pixels not reached from any node.
	seen := make([]bool, g.w*g.h)
	for _, e := range out {
		for _, pt := range e.pts {
			seen[int(pt.Y)*g.w+int(pt.X)] = true
		}
	}
	for _, p := range g.pix {
		if seen[p] || g.node[p] >= 0 {
			continue
		}
		e := edge{from: -1, to: -1}
		prev, cur := -1, p
		for !seen[cur] {
			seen[cur] = true
			e.pts = append(e.pts, g.centre(cur))
			next := g.links[cur][0]
			if next == prev || seen[next] && next != p {
				next = g.links[cur][1]
			}
			prev, cur = cur, next
		}
		out = append(out, e)
	}
	return out
}

// end is one end of an edge at a node: edge index and which end (0 =
// from, 1 = to).
type end struct{ e, k int }

// join pairs the branches at junctions and chains them into strokes, in
// pixel units.
func join(edges []edge, nodes []pad.Point) [][]pad.Point {
	// Each edge as a polyline with its node positions at both ends.
	poly := make([][]pad.Point, len(edges))
	for i, e := range edges {
		var pl []pad.Point
		if e.from >= 0 {
			pl = append(pl, nodes[e.from])
		}
		pl = append(pl, e.pts...)
		if e.to >= 0 && (len(e.pts) > 0 || e.to != e.from) {
			pl = append(pl, nodes[e.to])
		}
		poly[i] = pl
	}
	// Ends at each node, with the branch's direction away from it.
	atNode := make([][]end, len(nodes))
	for i, e := range edges {
		if e.from < 0 || len(poly[i]) < 2 {
			continue
		}
		atNode[e.from] = append(atNode[e.from], end{i, 0})
		atNode[e.to] = append(atNode[e.to], end{i, 1})
	}
	partner := make(map[end]end)
	for n, ends := range atNode {
		if len(ends) < 2 {
			continue // an end of the skeleton
		}
		if len(ends) == 2 { // a blob with two branches: the stroke goes on
			partner[ends[0]], partner[ends[1]] = ends[1], ends[0]
			continue
		}
		type pair struct {
			a, b end
			turn float64
		}
		var pairs []pair
		for i := range ends {
			for j := i + 1; j < len(ends); j++ {
				da := direction(poly[ends[i].e], ends[i].k, nodes[n])
				db := direction(poly[ends[j].e], ends[j].k, nodes[n])
				// Straight through: the two directions are opposite.
				cos := -(da.X*db.X + da.Y*db.Y)
				pairs = append(pairs, pair{ends[i], ends[j], math.Acos(max(-1, min(1, cos)))})
			}
		}
		slices.SortStableFunc(pairs, func(p, q pair) int { return cmpFloat(p.turn, q.turn) })
		for _, p := range pairs {
			if p.turn > MaxTurn {
				break
			}
			_, ua := partner[p.a]
			_, ub := partner[p.b]
			if ua || ub {
				continue
			}
			partner[p.a], partner[p.b] = p.b, p.a
		}
	}

	used := make([]bool, len(edges))
	var out [][]pad.Point
	walk := func(start end) []pad.Point {
		var s []pad.Point
		cur := start
		for !used[cur.e] {
			used[cur.e] = true
			pl := poly[cur.e]
			if cur.k == 1 {
				pl = reversed(pl)
			}
			if len(s) > 0 {
				pl = pl[1:] // the node is already there
			}
			s = append(s, pl...)
			next, ok := partner[end{cur.e, 1 - cur.k}]
			if !ok {
				break
			}
			cur = next
		}
		return s
	}
	// Open strokes start at ends without a partner.
	for i, e := range edges {
		for k := range 2 {
			if used[i] || e.from < 0 {
				continue
			}
			if _, ok := partner[end{i, k}]; ok {
				continue
			}
			s := walk(end{i, k})
			if first, last := s[0], s[len(s)-1]; len(s) > 1 && startScore(last) < startScore(first) {
				slices.Reverse(s)
			}
			out = append(out, s)
		}
	}
	// The rest are closed: loops and cycles of paired branches.
	for i := range edges {
		if used[i] {
			continue
		}
		s := walk(end{i, 0})
		if n := len(s); n > 1 && s[0] == s[n-1] {
			s = s[:n-1]
		}
		out = append(out, closeLoop(s))
	}
	return out
}

// direction is the unit vector from the node at end k of polyline pl
// towards the point dirLen along it (or its far end).
func direction(pl []pad.Point, k int, node pad.Point) pad.Point {
	if k == 1 {
		pl = reversed(pl)
	}
	far := pl[len(pl)-1]
	d := 0.0
	for i := 1; i < len(pl); i++ {
		d += dist(pl[i-1], pl[i])
		if d >= dirLen {
			far = pl[i]
			break
		}
	}
	v := pad.Point{X: far.X - node.X, Y: far.Y - node.Y}
	l := math.Hypot(v.X, v.Y)
	if l == 0 {
		return pad.Point{}
	}
	return pad.Point{X: v.X / l, Y: v.Y / l}
}

// closeLoop rotates a closed polyline (first point not repeated) to start
// at its top-most point (then left-most), orients it counter-clockwise on
// the screen (y down) and repeats the first point at the end.
func closeLoop(s []pad.Point) []pad.Point {
	if len(s) == 0 {
		return s
	}
	area := 0.0
	for i, p := range s {
		q := s[(i+1)%len(s)]
		area += p.X*q.Y - q.X*p.Y
	}
	if area > 0 { // clockwise on the screen
		slices.Reverse(s)
	}
	top := 0
	for i, p := range s {
		if p.Y < s[top].Y || p.Y == s[top].Y && p.X < s[top].X {
			top = i
		}
	}
	out := make([]pad.Point, 0, len(s)+1)
	out = append(out, s[top:]...)
	out = append(out, s[:top]...)
	return append(out, out[0])
}

// startScore orders stroke starts as a writer does: top first, and left
// first for nearly horizontal strokes.
func startScore(p pad.Point) float64 { return p.Y + p.X/2 }

// order sorts strokes by their start, top-left first.
func order(strokes []pad.Stroke) {
	slices.SortStableFunc(strokes, func(a, b pad.Stroke) int { return cmpFloat(startScore(a[0]), startScore(b[0])) })
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func reversed(pl []pad.Point) []pad.Point {
	out := slices.Clone(pl)
	slices.Reverse(out)
	return out
}

func dist(a, b pad.Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }
