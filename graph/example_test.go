package graph_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/graph"
)

const story = `Foreign Minister Jane Roe met Prime Minister John Doe in Paris on Monday.
"We have agreed on a plan," Roe told reporters after the meeting.`

// storyDoc extracts the example article.
func storyDoc(ctx context.Context) *extract.Document {
	x, err := extract.New()
	if err != nil {
		log.Fatal(err)
	}
	doc, err := x.Extract(ctx, extract.Article{ID: "example", Text: story, Date: time.Date(2020, 3, 4, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	return doc
}

// Open a store, add an article and ask who said what.
func Example() {
	dir, _ := os.MkdirTemp("", "newskg")
	defer os.RemoveAll(dir)

	store, err := graph.Open(filepath.Join(dir, "kg.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	ctx := context.Background()
	if _, err := store.AddDocument(ctx, storyDoc(ctx)); err != nil {
		log.Fatal(err)
	}

	res, err := store.Query(ctx, `
		var nkg = "https://w3id.org/newskg/ns#";
		g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<" + nkg + "Claim>")
		 .Save("<" + nkg + "claimText>", "text")
		 .Out("<" + nkg + "speaker>").Save("<http://www.w3.org/2000/01/rdf-schema#label>", "speaker")
		 .All()`, graph.QueryOptions{Timeout: 5 * time.Second})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range res {
		m := r.(map[string]any)
		fmt.Printf("%s: %s\n", m["speaker"], m["text"])
	}
	// Output:
	// Jane Roe: We have agreed on a plan
}

// Export the store as Turtle, for rapper, Jena or rdflib.
func ExampleStore_Export() {
	store := graph.OpenMemory(nil)
	defer store.Close()
	ctx := context.Background()
	if _, err := store.AddDocument(ctx, storyDoc(ctx)); err != nil {
		log.Fatal(err)
	}

	var b strings.Builder
	if err := store.Export(ctx, &b, graph.Turtle); err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, "nkg:Meeting") || strings.Contains(line, "nkg:date") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// <https://w3id.org/newskg/id/article/example/event/1> a nkg:Meeting ,
	// nkg:date "2020-03-02"^^xsd:date ;
}

// Load a Turtle file written by `newskg extract` into a store.
func ExampleStore_LoadFile() {
	dir, _ := os.MkdirTemp("", "newskg")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "note.ttl")
	os.WriteFile(path, []byte(`@prefix ex: <http://example.org/> .
ex:a ex:says "hello \"world\"" .
`), 0o644)

	store := graph.OpenMemory(nil)
	defer store.Close()
	res, err := store.LoadFile(context.Background(), path, "http://example.org/graph/notes")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Quads, res.Graphs)
	// Output:
	// 1 [http://example.org/graph/notes]
}

// Read claims and events back as Go values.
func ExampleStore_Claims() {
	ctx := context.Background()
	store := graph.OpenMemory(nil)
	defer store.Close()
	if _, err := store.AddDocument(ctx, storyDoc(ctx)); err != nil {
		log.Fatal(err)
	}
	claims, err := store.Claims(ctx, graph.ClaimFilter{})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range claims {
		fmt.Printf("%s (%s, %s): %s\n", c.SpeakerLabel, c.Cue, c.Mode, c.Text)
	}
	meetings, err := store.Events(ctx, graph.EventFilter{Type: "Meeting"})
	if err != nil {
		log.Fatal(err)
	}
	for _, ev := range meetings {
		fmt.Println(ev.Type, ev.Trigger, len(ev.Participants), "participants")
	}
	// Output:
	// Jane Roe (told, direct): We have agreed on a plan
	// Meeting met 2 participants
}

// Check a store's pages before reading it; a store damaged on disk is
// named with its file and page instead of crashing the reader.
func ExampleCheck() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "newskg")
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "kg.db")
	store, err := graph.Open(db, nil)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := store.AddDocument(ctx, storyDoc(ctx)); err != nil {
		log.Fatal(err)
	}
	store.Close()

	note, err := graph.Check(db, time.Second)
	fmt.Printf("error: %v, note: %q\n", err, note)
	// Output:
	// error: <nil>, note: ""
}
