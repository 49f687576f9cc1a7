package extract

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Trigger is an event trigger learnt from annotated articles: a word or
// phrase (lower case), the type of event it names, in how many articles it
// named an annotated event and in how many it stood at all. Type "-" marks
// a form of the hand-made lexicon that the annotations show seldom names
// an event: it is not a trigger.
type Trigger struct {
	Form, Type       string
	Events, Articles int
}

// NotTrigger is the Type of a form that names no event.
const NotTrigger = "-"

// Triggers is a table of learnt triggers in form order.
type Triggers []Trigger

// triggersPath is the shipped table, made by `newskg train`.
const triggersPath = "data/triggers.tsv"

const triggersHead = "# Event triggers learnt from annotated articles by `newskg train`; do not edit.\n# form\ttype (- for none)\tarticles where it names an event\tarticles where it stands\n"

// WriteTo writes the table as tab-separated lines.
func (t Triggers) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	b.WriteString(triggersHead)
	for _, tr := range t {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\n", tr.Form, tr.Type, tr.Events, tr.Articles)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// ReadTriggers reads a table written by Triggers.WriteTo.
func ReadTriggers(r io.Reader) (Triggers, error) {
	var out Triggers
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("triggers line %d: want 4 fields, got %d", line, len(f))
		}
		ev, err1 := strconv.Atoi(f[2])
		ar, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("triggers line %d: bad entry %q", line, l)
		}
		out = append(out, Trigger{Form: f[0], Type: f[1], Events: ev, Articles: ar})
	}
	return out, sc.Err()
}

// Sort puts the table in form order.
func (t Triggers) Sort() { sort.Slice(t, func(i, j int) bool { return t[i].Form < t[j].Form }) }
