package main

import (
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// Plots: hand-written SVG line charts (no plotting library is among the
// project's dependencies, and a chart of a few lines needs none), written
// by the benchmark into benchmarks/ next to BENCHMARKS.md.

// series is one line of a chart: y (seconds) against x (N).
type series struct {
	name   string
	color  string
	dashed bool
	xs, ys []float64
}

var plotColors = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"}

// niceMax rounds v up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// svgChart draws ss on linear axes from 0.
func svgChart(title, xLabel, yLabel string, ss []series) string {
	const w, h, left, right, top, bottom = 720.0, 420.0, 70.0, 190.0, 40.0, 50.0
	maxX, maxY := 0.0, 0.0
	for _, s := range ss {
		for i := range s.xs {
			maxX, maxY = math.Max(maxX, s.xs[i]), math.Max(maxY, s.ys[i])
		}
	}
	maxX, maxY = niceMax(maxX), niceMax(maxY)
	px := func(x float64) float64 { return left + x/maxX*(w-left-right) }
	py := func(y float64) float64 { return h - bottom - y/maxY*(h-top-bottom) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="%.0f" y="22" font-size="15" font-weight="bold">%s</text>`+"\n", left, html.EscapeString(title))
	for i := 0; i <= 5; i++ {
		y := maxY * float64(i) / 5
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", left, py(y), w-right, py(y))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end">%g</text>`+"\n", left-6, py(y)+4, y)
		x := maxX * float64(i) / 5
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", px(x), top, px(x), h-bottom)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%g</text>`+"\n", px(x), h-bottom+16, x)
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>`+"\n", left, h-bottom, w-right, h-bottom)
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>`+"\n", left, top, left, h-bottom)
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", (left+w-right)/2, h-12, html.EscapeString(xLabel))
	fmt.Fprintf(&b, `<text transform="translate(18 %.1f) rotate(-90)" text-anchor="middle">%s</text>`+"\n", (top+h-bottom)/2, html.EscapeString(yLabel))
	for i, s := range ss {
		color := s.color
		if color == "" {
			color = plotColors[i%len(plotColors)]
		}
		dash := ""
		if s.dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		var pts []string
		for j := range s.xs {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(s.xs[j]), py(s.ys[j])))
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>`+"\n", color, dash, strings.Join(pts, " "))
		for j := range s.xs {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", px(s.xs[j]), py(s.ys[j]), color)
		}
		ly := top + 10 + float64(i)*20
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"%s/>`+"\n", w-right+12, ly, w-right+36, ly, color, dash)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f">%s</text>`+"\n", w-right+42, ly+4, html.EscapeString(s.name))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// point is one size of the main benchmark, for the plots.
type point struct {
	n                                                   int
	applyData, applyNoop, applySame, applyIdaas         float64
	refreshData, refreshNoop, refreshSame, refreshIdaas float64
}

// writePlots writes the charts of the main and the scale benchmark into
// dir.
func writePlots(dir string, pts []point, scale []scaleRow) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name, svg string) error { return os.WriteFile(filepath.Join(dir, name), []byte(svg), 0o644) }
	if len(pts) > 0 {
		mk := func(name string, dashed bool, f func(point) float64) series {
			s := series{name: name, dashed: dashed}
			for _, p := range pts {
				s.xs, s.ys = append(s.xs, float64(p.n)), append(s.ys, f(p))
			}
			return s
		}
		refresh := []series{
			mk("terraform_data", true, func(p point) float64 { return p.refreshData }),
			mk("no-op (2 attributes)", true, func(p point) float64 { return p.refreshNoop }),
			mk("no-op, our schemas", true, func(p point) float64 { return p.refreshSame }),
			mk("idaas", false, func(p point) float64 { return p.refreshIdaas }),
		}
		apply := []series{
			mk("terraform_data", true, func(p point) float64 { return p.applyData }),
			mk("no-op (2 attributes)", true, func(p point) float64 { return p.applyNoop }),
			mk("no-op, our schemas", true, func(p point) float64 { return p.applySame }),
			mk("idaas", false, func(p point) float64 { return p.applyIdaas }),
		}
		if err := write("refresh.svg", svgChart("Refresh-only plan: wall time against N", "N resources", "seconds", refresh)); err != nil {
			return err
		}
		if err := write("apply.svg", svgChart("Apply from scratch: wall time against N", "N resources", "seconds", apply)); err != nil {
			return err
		}
	}
	var ss []series
	add := func(name string, dashed bool, keep func(scaleRow) bool) {
		s := series{name: name, dashed: dashed}
		for _, r := range scale {
			if r.skipped == "" && r.c.typ == "idaas_user" && r.c.n == r.c.tenant && keep(r) {
				s.xs, s.ys = append(s.xs, float64(r.c.n)), append(s.ys, r.wall.Seconds())
			}
		}
		if len(s.xs) > 0 {
			ss = append(ss, s)
		}
	}
	add("no limit, no latency", true, func(r scaleRow) bool { return r.rps == 0 && r.latencyMs == 0 })
	add("limited, shared reads on", false, func(r scaleRow) bool { return r.rps > 0 && r.shared == "auto" })
	add("limited, shared reads off", false, func(r scaleRow) bool { return r.rps > 0 && r.shared == "never" })
	if len(ss) > 0 {
		return write("scale.svg", svgChart("Refresh of N users under a rate limit", "N users in state (tenant of N)", "seconds", ss))
	}
	return nil
}

// plotsIntro heads BENCHMARKS.md with the charts.
const plotsIntro = "![refresh-only plan, wall time against N](benchmarks/refresh.svg)\n\n![apply, wall time against N](benchmarks/apply.svg)\n\n" +
	"The charts (drawn by the benchmark as hand-written SVG) show the tables below: dashed lines are the floors, `terraform_data` " +
	"(Terraform alone), the two-attribute no-op provider, and the no-op provider with our resources' schemas; the solid line is idaas. " +
	"The scale benchmark's chart is with its table.\n\n"

// The same-schema floor's columns of the main table.
const (
	sameSchemaHeader = " refresh noop, our schemas | idaas ×same-schema | same-schema ×noop | apply noop, our schemas | idaas apply ×same-schema |"
	sameSchemaSep    = "---|---|---|---|---|"
)

func sameSchemaColumns(noop, same, ours result) string {
	return fmt.Sprintf(" %s | %.2f | %.2f | %s | %.2f |", secs(same.refresh), ratio(ours.refresh, same.refresh), ratio(same.refresh, noop.refresh),
		secs(same.apply), ratio(ours.apply, same.apply))
}
