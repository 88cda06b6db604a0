# A small cfglint image (for the Action and pre-commit to use a prebuilt cfglint later):
#   docker build -t cfglint .
#   docker run --rm -v "$PWD:/work:ro" cfglint check --format sarif -o /dev/stdout .
# Built from Debian 12 packages only, as the project's own bootstrap does; the runtime stage installs
# the .deb that `cpack` makes, so apt resolves exactly the libraries the binary links.
FROM debian:12-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake ninja-build pkg-config dpkg-dev file \
      libtomlplusplus-dev nlohmann-json3-dev libre2-dev libcli11-dev libfyaml-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCFGLINT_TESTS=OFF \
 && cmake --build /build \
 && cpack --config /build/CPackConfig.cmake -B /out

FROM debian:12-slim
COPY --from=build /out/cfglint_*.deb /tmp/
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/cfglint_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/cfglint_*.deb \
 && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin cfglint
# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001
WORKDIR /work
ENTRYPOINT ["cfglint"]
CMD ["check", "."]
