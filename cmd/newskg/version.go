package main

import (
	"fmt"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/ontology"
)

// versionText names the program's module version, the extraction rules'
// version and the ontology's; printed after "newskg version ", as
// --version prints it.
func versionText() string {
	module := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		module = bi.Main.Version
	}
	return fmt.Sprintf("%s\nextraction %s\nontology %s", module, extract.Version, ontology.Version)
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the program's, the extraction rules' and the ontology's versions",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("version takes no arguments")
			}
			_, err := fmt.Fprintf(c.App.Writer, "%s version %s\n", c.App.Name, versionText())
			return err
		},
	}
}
