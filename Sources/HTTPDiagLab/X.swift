public enum HTTPDiagLabPlaceholder {}
