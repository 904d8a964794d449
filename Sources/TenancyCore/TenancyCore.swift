/// Placeholder until the spec model lands.
enum TenancyCoreModule {}
