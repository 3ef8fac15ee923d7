package main

import (
	"context"
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/rtm-terraform/terraform-provider-rtm/internal/provider"
)

// version is set by goreleaser through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	if !debug {
		quietFrameworkTraceWhenUnlogged()
	}

	opts := providerserver.ServeOpts{
		// Keep in step with the --provider-name flag of tfplugindocs in the GNUmakefile.
		Address: "registry.terraform.io/rtm-terraform/rtm",
		Debug:   debug,
	}

	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Fatal(err.Error())
	}
}

// quietFrameworkTraceWhenUnlogged raises the framework's log level to DEBUG
// when no TF_LOG* variable is set. Terraform then discards every provider
// log line anyway, but terraform-plugin-framework v1.19 still builds a trace
// line per list element on every ReadResource and PlanResourceChange (its
// write-only nullification), on a context that grows by one level per
// element: O(n²), about 1.1 s of a 10,000-member plan (bench/README.md).
// Anyone collecting logs sets a TF_LOG* variable and gets the full traces.
func quietFrameworkTraceWhenUnlogged() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "TF_ACC_LOG") {
			return
		}
	}
	_ = os.Setenv("TF_LOG_SDK_FRAMEWORK", "DEBUG")
}
