//! 每月互访交流: the year's host rotation, published and kept, with every change to a published
//! month logged with its reason.

pub mod export;
pub mod feedback;
pub mod invite;
pub mod matrix;
pub mod plan;
pub mod service;
pub mod sheets;
