# Sourced by the scripts in bin/: sets JAVA_HOME to a JDK >= 21 and SLUICE_JVM_FLAGS to the JVM
# options every launcher passes, or explains what is missing.
# Order: $JAVA_HOME, then `java` on the PATH, then every JDK under /usr/lib/jvm (newest first).

_sluice_java_major() {
  # prints the major version of the JDK at $1, or nothing if it is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

_sluice_find_java() {
  local candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r candidate; do candidates+=("$candidate"); done \
      < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's#/$##' | sort -rV)
  fi
  for candidate in "${candidates[@]}"; do
    major=$(_sluice_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      # The flags every launcher passes: RocksDB and SQLite load native code; protobuf (under CEL)
      # and Kafka's client use sun.misc.Unsafe, which JDK 24 and later warn about on stderr in
      # every run unless allowed (JEP 498), and the option does not exist before JDK 23.
      SLUICE_JVM_FLAGS="--enable-native-access=ALL-UNNAMED"
      if [ "$major" -ge 23 ]; then
        SLUICE_JVM_FLAGS="$SLUICE_JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
      fi
      export SLUICE_JVM_FLAGS
      return 0
    fi
  done
  {
    echo "sluice: no JDK 21 or newer found."
    echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), javac on the PATH, /usr/lib/jvm/*"
    echo "  install one, for example:  apt-get install openjdk-21-jdk"
    echo "  or point JAVA_HOME at it:  export JAVA_HOME=/path/to/jdk-21"
  } >&2
  return 1
}

_sluice_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
