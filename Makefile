# The two front-door commands (see README):
#   make demo   bootstrap, build, and run cfglint on the bundled example project
#   make test   bootstrap, build, and run the whole test suite (what .ci/run calls)
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: demo test build bootstrap sanitize bench clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== cfglint check fixtures/examples/django-channels-celery"
	-@$(BUILD)/cfglint check fixtures/examples/django-channels-celery

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Same tests under AddressSanitizer + UndefinedBehaviorSanitizer (CI runs this too).
sanitize:
	@$(MAKE) --no-print-directory test BUILD=build-asan CMAKE_FLAGS="-DCFGLINT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"

bench: build
	@bench/run.sh

clean:
	rm -rf build build-asan
