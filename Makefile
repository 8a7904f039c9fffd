.DEFAULT_GOAL := help
.PHONY: help demo demo-cluster test chaos bench bench-flash-sale bench-delivery bench-eth-catchup

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

demo: ## Build a release binary, migrate, seed demo data and run Tessera on 127.0.0.1:8080
	scripts/demo.sh

demo-cluster: ## make demo as a cluster: HAProxy on :8080 before two web processes, ticketing, two chain-watchers
	scripts/demo.sh --cluster

test: ## Start services, run cargo tests and the browser smoke test (what CI runs)
	scripts/test.sh

chaos: ## The chaos suite's long run: ten minutes of kills, restarts, outages and reorgs under traffic (release build)
	scripts/ensure-services.sh --mail --eth --haproxy
	CARGO_TARGET_DIR="$${CARGO_TARGET_DIR:-$$HOME/.cache/tessera/target}" cargo build --locked --release -p tessera-cli --bin tessera -p tessera-tests --bin chaos
	"$${CARGO_TARGET_DIR:-$$HOME/.cache/tessera/target}/release/chaos" --seconds $${CHAOS_SECONDS:-600} --smtp-outage 60

bench: ## Benchmark catalog search and listing on a 10,000-event catalog (release build)
	CARGO_TARGET_DIR="$${CARGO_TARGET_DIR:-$$HOME/.cache/tessera/target}" cargo run --locked --release -p tessera-tests --bin bench-catalog

bench-flash-sale: ## Benchmark a flash sale: 2,000 buyers, 200 at once, race for 500 tickets (release build)
	CARGO_TARGET_DIR="$${CARGO_TARGET_DIR:-$$HOME/.cache/tessera/target}" cargo run --locked --release -p tessera-tests --bin bench-flash-sale

bench-delivery: ## Benchmark ticket delivery: PDF rendering, and paid → email accepted over 500 orders (release build)
	scripts/ensure-services.sh --mail
	CARGO_TARGET_DIR="$${CARGO_TARGET_DIR:-$$HOME/.cache/tessera/target}" cargo run --locked --release -p tessera-tests --bin bench-delivery

bench-eth-catchup: ## Benchmark the Ethereum watcher catching up with 10,000 blocks holding 300 payments, on anvil (release build)
	scripts/ensure-services.sh --eth
	CARGO_TARGET_DIR="$${CARGO_TARGET_DIR:-$$HOME/.cache/tessera/target}" cargo run --locked --release -p tessera-tests --bin bench-eth-catchup
