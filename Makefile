# Reintegratie.Edge — developer and technician entry points. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
DOTNET ?= dotnet
CONFIG ?= Release
SLN := Reintegratie.Edge.sln
RUN_DIR := $(CURDIR)/.run
GATEWAY := src/Reintegratie.Edge.Gateway/bin/$(CONFIG)/net10.0/reintegratie-edge
EDGECTL := src/Reintegratie.Edge.Cli/bin/$(CONFIG)/net10.0/edgectl
# `make run` needs only the client the README's mosquitto_sub lines use; `make test` needs every real part its tests
# start (a test that cannot run fails): brokers, pty tools, systemd-analyze, sqlite3, chromium for the HTML report.
RUN_PKGS := mosquitto-clients
TEST_PKGS := mosquitto mosquitto-clients socat systemd sqlite3 rabbitmq-server chromium postgresql
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0-dev)
# The same properties for every build, so that `make run` after `make build` recompiles nothing.
BUILD_PROPS := -p:Version=0.1.0 -p:InformationalVersion=$(VERSION)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

.PHONY: help deps deps-run deps-test apt-install aot-deps build test run bench bench-quick publish clean test-deploy test-arm64 fuzz soak hub test-hub bench-hub

help:
	@echo "make run      - gateway + default scenario, alerts live as JSON lines (state in .run/)"
	@echo "make test     - install test dependencies, build, run every test project"
	@echo "make bench    - benchmarks, JIT and NativeAOT side by side (about 15 min); artifacts/bench/summary.json, docs/BENCHMARKS.md"
	@echo "make bench-quick - the same with short phases (about 8 min) into artifacts/bench-quick/, docs untouched"
	@echo "make publish  - NativeAOT linux-arm64 and linux-x64 builds into artifacts/publish/ (PUBLISH_MODE=r2r: JIT)"
	@echo "make fuzz     - SharpFuzz/AFL++ over every parser, FUZZ_SECONDS (300) each"
	@echo "make soak     - robustness soak (outages, kills, flood, disk full), SOAK_MINUTES (30) in total"
	@echo "make hub      - BIV hub: PostgreSQL, RabbitMQ, hub console and three simulated gateways (Ctrl-C stops)"
	@echo "make test-hub - hub failure test: 3-node RabbitMQ cluster, HUB_TEST_GATEWAYS (24) gateways, 2 hubs"
	@echo "make clean    - remove build output, artifacts and .run/"

# Installs the system packages `make run` (deps-run) or `make test` (deps-test) needs when they are missing; brokers
# installed as services are stopped and disabled again (tests start their own on ephemeral ports).
deps: deps-test

deps-run:
	@$(MAKE) --no-print-directory apt-install PKGS="$(RUN_PKGS)"

deps-test:
	@$(MAKE) --no-print-directory apt-install PKGS="$(TEST_PKGS)"

apt-install:
	@missing=""; for p in $(PKGS); do [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null)" = installed ] || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  for u in mosquitto rabbitmq-server postgresql; do case " $$missing " in *" $$u "*) ( $$SUDO systemctl disable --now $$u >/dev/null 2>&1; $$SUDO service $$u stop >/dev/null 2>&1 || true ) ;; esac; done; \
	fi

build:
	$(DOTNET) build $(SLN) -c $(CONFIG) $(BUILD_PROPS) -nologo -clp:ErrorsOnly

test: deps-test build
	@tests/run-tests.sh

# Builds only what it runs (the gateway and edgectl), then plays the default scenario. Alert lifecycle messages go to
# stdout as JSON lines, logs to stderr; Ctrl-C stops the gateway cleanly. State (journal.db) stays in .run/.
run: deps-run
	@$(DOTNET) build src/Reintegratie.Edge.Gateway -c $(CONFIG) $(BUILD_PROPS) -nologo -clp:ErrorsOnly -v q >&2
	@$(DOTNET) build src/Reintegratie.Edge.Cli -c $(CONFIG) $(BUILD_PROPS) -nologo -clp:ErrorsOnly -v q >&2
	@mkdir -p $(RUN_DIR)
	@echo "reintegratie-edge --simulate default: alerts below as JSON lines (Ctrl-C to stop; journal in .run/journal.db)" >&2
	@$(GATEWAY) --simulate default --state-dir $(RUN_DIR) --config deploy/dev/commands.json --print-alerts

# The end-to-end group measures the JIT build and then the NativeAOT linux-x64 build side by side in the same run. The
# AOT gateway is published into artifacts/bench/aot/ when it is missing or older than any source (else reused: ILC is the
# slow part). Full run on an idle 2-core machine: build 2-3 min, AOT publish about 3 min when needed, measurements about
# 10 min (the sustained 50k/s phase alone 60 s, EDGE_BENCH_50K_SECONDS). bench-quick: shorter phases (about 5 min plus
# builds), written to artifacts/bench-quick/ and docs untouched. EDGE_BENCH_ONLY=ring,journal,range,commit,outbox,e2e,spoof
# picks groups.
BENCH_AOT := artifacts/bench/aot/linux-x64/reintegratie-edge
BENCH_AOT_SOURCES := $(shell find src -name bin -prune -o -name obj -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' \) -print) Directory.Build.props Directory.Packages.props
BENCH_RUN = EDGE_AOT_GATEWAY=$(CURDIR)/$(BENCH_AOT) $(DOTNET) run -c Release --project tests/Reintegratie.Edge.Benchmarks --

$(BENCH_AOT): $(BENCH_AOT_SOURCES)
	@echo "[bench] publishing the NativeAOT linux-x64 gateway into $(dir $@) (sources changed or no build yet)"
	@$(MAKE) --no-print-directory publish PUBLISH_RIDS=linux-x64 PUBLISH_PROJECTS=Gateway PUBLISH_OUT=artifacts/bench/aot
	@touch $@

bench: build $(BENCH_AOT)
	$(BENCH_RUN) --all --out artifacts/bench

bench-quick: build $(BENCH_AOT)
	$(BENCH_RUN) --all --quick --out artifacts/bench-quick --docs artifacts/bench-quick/BENCHMARKS.md

# NativeAOT (PUBLISH_MODE=aot, the default) or the self-contained ReadyToRun JIT build (PUBLISH_MODE=r2r), per runtime
# into artifacts/publish/<rid>/. AOT links with Debian's clang-14 and lld-14 (arm64: the cross binutils' objcopy and
# the gcc cross runtime), installed by aot-deps. Intermediate files go to artifacts/aot-build, so a publish does not
# invalidate `make build` (and the reverse); native symbols (*.dbg) go to artifacts/symbols/<rid>. PUBLISH_RIDS narrows the runtimes (make test publishes linux-x64 only).
PUBLISH_MODE ?= aot
PUBLISH_RIDS ?= linux-arm64 linux-x64
PUBLISH_PROJECTS ?= Gateway Cli
PUBLISH_OUT ?= artifacts/publish
AOT_PKGS := clang-14 lld-14 binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu
AOT_PROPS := -p:PublishAot=true -p:CppCompilerAndLinker=clang-14 -p:LinkerFlavor=lld
AOT_PROPS_linux-arm64 := -p:ObjCopyName=aarch64-linux-gnu-objcopy
R2R_PROPS := --self-contained true -p:PublishReadyToRun=true

aot-deps:
	@$(MAKE) --no-print-directory apt-install PKGS="$(AOT_PKGS)"

publish: $(if $(filter aot,$(PUBLISH_MODE)),aot-deps)
	@for rid in $(PUBLISH_RIDS); do \
	  for p in $(PUBLISH_PROJECTS); do \
	    if [ "$(PUBLISH_MODE)" = aot ]; then props="$(AOT_PROPS) $$( [ $$rid = linux-arm64 ] && echo '$(AOT_PROPS_linux-arm64)')"; else props="$(R2R_PROPS)"; fi; \
	    $(DOTNET) publish src/Reintegratie.Edge.$$p -c Release -r $$rid $$props --artifacts-path artifacts/aot-build/$(PUBLISH_MODE) \
	      -p:InformationalVersion=$(VERSION) -o $(PUBLISH_OUT)/$$rid -nologo -clp:ErrorsOnly || exit 1; \
	  done; \
	  mkdir -p artifacts/symbols/$$rid && mv -f $(PUBLISH_OUT)/$$rid/*.dbg artifacts/symbols/$$rid/ 2>/dev/null; \
	  rm -f $(PUBLISH_OUT)/$$rid/*.pdb $(PUBLISH_OUT)/$$rid/*.xml; \
	  echo "$(VERSION)" > $(PUBLISH_OUT)/$$rid/VERSION; \
	done; ls -la $(foreach r,$(PUBLISH_RIDS),$(foreach p,$(PUBLISH_PROJECTS),$(PUBLISH_OUT)/$(r)/$(if $(filter Cli,$(p)),edgectl,reintegratie-edge)))

clean:
	$(DOTNET) clean $(SLN) -nologo -v q >/dev/null 2>&1 || true
	rm -rf artifacts .run src/*/bin src/*/obj tests/*/bin tests/*/obj

# Field deployment checks (root): unit hardening score <= 1.5, staged install/upgrade/rollback/uninstall.
test-deploy:
	deploy/test/systemd-security.sh
	deploy/test/install-test.sh

# The arm64 build under qemu-user: --version, --check-config, a short simulated run that raises an alert.
test-arm64: publish
	deploy/test/arm64-smoke.sh artifacts/publish/linux-arm64

# SharpFuzz + AFL++ over every parser (rid, rid-line, rf, sapient-frame, sapient-json, gsm, bodycam, config),
# FUZZ_SECONDS each; crashes land in artifacts/fuzz/<target>/crashes and fail the run. Not part of `make test`.
FUZZ_SECONDS ?= 300
fuzz:
	tests/Reintegratie.Edge.Fuzz/fuzz.sh $(FUZZ_SECONDS)

# Robustness soak: broker kill loop, gateway SIGKILL loop, serial ports vanishing, a 100x flood with alarms, the
# journal's disk filling up; SOAK_MINUTES in total, a table at the end, non-zero exit on any loss. Not part of `make test`
# (which runs a short version of each case). Needs root for the tmpfs of the disk-full case.
SOAK_MINUTES ?= 30
soak: deps-test
	tests/soak/run-soak.sh $(SOAK_MINUTES)

# The BIV hub (docs/HUB.md): PostgreSQL + a RabbitMQ node + one hub + three simulated gateways, state in .run/hub/.
hub: deps-test
	@for p in Hub Gateway Cli; do $(DOTNET) build src/Reintegratie.Edge.$$p -c $(CONFIG) -nologo -clp:ErrorsOnly -v q >&2 || exit 1; done
	@deploy/hub/dev-hub.sh

# The hub's failure test: 3-node RabbitMQ cluster, HUB_TEST_GATEWAYS (24) gateways, 2 hub instances, one killed, one broker node stopped.
HUB_TEST_GATEWAYS ?= 24
test-hub: deps-test
	$(DOTNET) build tests/Reintegratie.Edge.Hub.ClusterTests -c $(CONFIG) -nologo -clp:ErrorsOnly
	HUB_TEST_GATEWAYS=$(HUB_TEST_GATEWAYS) $(DOTNET) test tests/Reintegratie.Edge.Hub.ClusterTests -c $(CONFIG) --no-build --filter "FullyQualifiedName~ClusterFailure" --logger "console;verbosity=detailed"

# Hub ingest figures for docs/BENCHMARKS.md (msg/s per instance, publish -> PostgreSQL latency).
bench-hub: deps-test
	$(DOTNET) build tests/Reintegratie.Edge.Hub.ClusterTests -c $(CONFIG) -nologo -clp:ErrorsOnly
	$(DOTNET) test tests/Reintegratie.Edge.Hub.ClusterTests -c $(CONFIG) --no-build --filter "FullyQualifiedName~HubIngestBenchmark" --logger "console;verbosity=detailed"
