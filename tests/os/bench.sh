#!/bin/sh
# OS figures (make bench-os): printed, never asserted. Usage: bench.sh TESSERA OSBUILD
tessera=$1; osb=$2
echo "=== OS figures (cycles of the simulated chip, 8x8 mesh)"
"$tessera" run --quiet --mesh 8x8 --manifest "$osb/boot_bench.mf" || exit 1
echo "=== request server demo (4 clients x 250 requests, 10% runaway)"
"$tessera" run --quiet --mesh 8x8 --manifest "$osb/boot_demo.mf" |
	grep -E '^(dispatcher|client|summary)' || exit 1
