# Sourced by the benchmark scripts: `extract_before REV` puts revision REV's sources in
# build-bench-before/tree/ (and sets before_tree), `build_before TARGET` builds a target of
# them in tree/build/, for a run side by side with the working tree.
#
# git archive gives each file its commit's time, which may be older than the objects built
# from another revision: ninja would then keep them. So a revision other than the one last
# extracted is extracted with the files' times set to now, and everything built from it is
# built again; the same revision is not extracted again.
extract_before() {
  local rev=$1 commit
  commit=$(git rev-parse "$rev^{commit}")
  before_tree=build-bench-before/tree
  mkdir -p "$before_tree/build"
  if [ "$(cat "$before_tree/build/extracted-commit" 2>/dev/null)" != "$commit" ]; then
    # Everything of the last revision but its build (files since removed would be built too).
    find "$before_tree" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
    git archive "$commit" | tar -x -m -C "$before_tree"
    echo "$commit" > "$before_tree/build/extracted-commit"
  fi
}

build_before() {
  local target=$1
  [ -f "$before_tree/build/build.ninja" ] ||
    cmake -S "$before_tree" -B "$before_tree/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$before_tree/build" --target "$target" -j"$(nproc)" >/dev/null
}
