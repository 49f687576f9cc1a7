package graph

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteDOT writes one article's graph for Graphviz: its speakers and
// what they claimed (the claims' text cut to 60 characters), and its
// events with their participants and places. `dot -Tsvg` draws it.
func (s *Store) WriteDOT(ctx context.Context, w io.Writer, articleIRI string) error {
	claims, err := s.Claims(ctx, ClaimFilter{Article: articleIRI})
	if err != nil {
		return err
	}
	events, err := s.Events(ctx, EventFilter{Article: articleIRI})
	if err != nil {
		return err
	}
	labels := map[string]string{}
	label := func(iri string) (string, error) {
		if l, ok := labels[iri]; ok {
			return l, nil
		}
		e, _, err := s.Entity(ctx, iri)
		if err != nil {
			return "", err
		}
		l := e.Label
		if l == "" {
			l = iri
		}
		labels[iri] = l
		return l, nil
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "digraph %s {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n", dotString(articleIRI))
	for i, c := range claims {
		if c.Speaker == "" {
			continue
		}
		sp, err := label(c.Speaker)
		if err != nil {
			return err
		}
		id := fmt.Sprintf("claim%d", i+1)
		fmt.Fprintf(bw, "  %s [shape=note, label=%s];\n  %s -> %s [label=%s];\n",
			id, dotString(cut(c.Text, 60)), dotString(sp), id, dotString(c.Cue))
	}
	for i, ev := range events {
		id := fmt.Sprintf("event%d", i+1)
		fmt.Fprintf(bw, "  %s [shape=box, style=rounded, label=%s];\n", id, dotString(ev.Type+": "+ev.Trigger))
		for _, p := range ev.Participants {
			l, err := label(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(bw, "  %s -> %s [style=dashed];\n", dotString(l), id)
		}
		if ev.Place != "" {
			l, err := label(ev.Place)
			if err != nil {
				return err
			}
			fmt.Fprintf(bw, "  %s -> %s [style=dotted, label=\"at\"];\n", id, dotString(l))
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// dotString quotes s as a Graphviz string.
func dotString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ")
	return `"` + r.Replace(s) + `"`
}

// cut shortens s to at most n characters, marking a cut with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
