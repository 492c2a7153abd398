//! Statistical machinery shared by the trained stages: feature hashing and the averaged perceptron.

pub mod hash;
pub mod perceptron;

pub use perceptron::{Perceptron, Trainer};
