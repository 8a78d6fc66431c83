import HTTPDiagCore
/// Fleet runs: placeholder until the config loader lands.
enum FleetModule {}
